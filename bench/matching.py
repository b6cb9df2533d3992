"""Matching benchmark: the suggestions of one listing among N published listings (target: p95 <= 100 ms
at N = 100,000 on this machine).

    .venv/bin/python bench/matching.py                          # N = 100,000, search's corpus (13 communes)
    .venv/bin/python bench/matching.py --spread                 # communes spread over all of France
    .venv/bin/python bench/matching.py --size 10000 --queries 100
    .venv/bin/python bench/matching.py --with-search             # + the search index's candidates
    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/matching.py
    .venv/bin/python bench/matching.py --quality [--note "what changed"]   # precision@3, hit@3 (labelled set)
    .venv/bin/python bench/matching.py --baseline /tmp/base --with-search  # against another checkout, same run

Seeds listings with bench/corpus.py (the search benchmark's corpus, read only), then times
`market.matching.queries.suggestions(listing, limit=10)` for random listings: "cold" (caches of
facts and nearby communes emptied before each query: the first request of a fresh worker) and
"warm" (a worker that has served a while); then the listing page itself through the test client
(first view, second view, and without the suggestions block). Results: bench/results/matching-<N>.json.
"""
import argparse
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import sqlalchemy as sa  # noqa: E402

from bench import corpus  # noqa: E402

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def summary(values):
    return {"p50_ms": round(pct(values, 50), 1), "p95_ms": round(pct(values, 95), 1),
            "max_ms": round(max(values) * 1000, 1), "mean_ms": round(statistics.mean(values) * 1000, 1),
            "n": len(values)}


def make_app(url, migrate=True, **overrides):
    from market import create_app
    from market.config import TestConfig
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    workdir = tempfile.mkdtemp()
    cfg.update(SQLALCHEMY_DATABASE_URI=url, MAIL_OUTBOX=f"{workdir}/outbox", SEARCH_REBUILD_MODE="off",
               SEARCH_STORAGE="file", SEARCH_INDEX_DIR=f"{workdir}/index", SEARCH_BUILD_PROCS=2)
    cfg.update(overrides)
    app = create_app(cfg)
    if migrate:
        with app.app_context():
            from flask_migrate import upgrade
            logging.getLogger("alembic").setLevel(logging.WARNING)
            upgrade()
    return app


def spread_communes(rng, k=2000):
    from market.geo.communes import _index
    with_coords = [c.code for c in _index().by_code.values() if c.lat is not None]
    return rng.sample(with_coords, k) + rng.sample([c for c in _index().by_code if c not in set(with_coords)], k)


def populate(n, seed, spread, now=None):
    """Organisations, their admins and n published listings (Core inserts: fast, no signals; the
    analysed words matching keeps on every save are written too, when the code has them)."""
    from market.accounts.models import Organization, User
    from market.extensions import db
    from market.listings.models import Listing
    from market.types import utcnow
    try:
        from market.matching.terms import pack
    except ImportError:  # a checkout from before listings.match_terms (bench/matching_compare.py)
        pack = None
    rng = random.Random(seed)
    communes = spread_communes(rng) if spread else corpus.COMMUNES
    n_orgs, now = max(20, n // 50), now or utcnow()
    orgs = corpus.organizations(n_orgs, rng)
    db.session.execute(sa.insert(User), [{"id": i + 1, "email": f"admin{i}@bench.example", "password_hash": "x",
                                          "display_name": f"Admin {i}", "status": "active", "created_at": now,
                                          "locale": "fr", "is_coordinator": False, "is_volunteer": False}
                                         for i in range(n_orgs)])
    db.session.execute(sa.insert(Organization), [
        {"id": i + 1, "slug": f"org-{i}", "name": o["name"], "legal_form": "association",
         "commune_code": rng.choice(communes), "status": "verified", "created_at": now, "updated_at": now,
         "sectors": "", "address": "", "postal_code": "", "website": "", "email": "", "phone": "",
         "description": ""} for i, o in enumerate(orgs)])
    rows = []
    for i in range(n):
        item = corpus.listing(i, rng, n_orgs)
        org = item.pop("org_index")
        item["commune_code"] = rng.choice(communes)
        published = now - timedelta(minutes=rng.randint(0, 60 * 24 * 50))
        rows.append({**item, "id": i + 1, "organization_id": org + 1, "author_id": org + 1, "status": "published",
                     "quantity": 1, "hidden": False, "published_at": published, "created_at": published,
                     "updated_at": published, "expires_at": now + timedelta(days=rng.randint(1, 60)),
                     "moderation_note": "", "amenities": item.get("amenities", "")})
        if pack is not None:
            rows[-1]["match_terms"] = pack(item["title"], item.get("tags", ""), item.get("description", ""))
        if len(rows) == 5000:
            db.session.execute(sa.insert(Listing), rows)
            rows = []
    if rows:
        db.session.execute(sa.insert(Listing), rows)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        vacuum(db.engine)


def vacuum(engine):
    """VACUUM ANALYZE listings: statistics and visibility map, as autovacuum keeps them in production.
    With asynchronous commit (scripts/pg-throwaway), a vacuum just after the inserts cannot mark the
    pages all-visible yet (index-only scans would still read the table): retried until it does."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for _ in range(30):
            conn.execute(sa.text("VACUUM ANALYZE listings"))
            visible, pages = conn.execute(sa.text("SELECT relallvisible, relpages FROM pg_class "
                                                  "WHERE relname = 'listings'")).one()
            if visible >= 0.95 * pages:
                return
            time.sleep(0.5)


def time_pages(app, ids):
    """The listing page as an anonymous visitor sees it (Flask test client, no server): first view of
    each listing, a second view, and the page without the suggestions block (the floor)."""
    from market.matching import views
    client, timings = app.test_client(), {"first": [], "repeat": [], "without_block": []}
    for phase in timings:
        real = views.listing_suggestions
        if phase == "without_block":
            views.listing_suggestions = lambda listing, limit=views.PER_LISTING: []
        try:
            for listing_id in ids:
                t = time.perf_counter()
                response = client.get(f"/annonces/{listing_id}")
                timings[phase].append(time.perf_counter() - t)
                assert response.status_code == 200, (listing_id, response.status_code)
        finally:
            views.listing_suggestions = real
    return {phase: summary(values) for phase, values in timings.items()}


def run(args):
    from market.extensions import db
    from market.listings.models import Listing
    from market.matching import queries
    from market.matching.nearby import nearby_codes
    url = os.environ.get("MARKET_BENCH_DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/matching.sqlite"
    app = make_app(url, MATCHING_IDF_SECONDS=600)  # as in production: term rarities counted once, reused
    out = {"size": args.size, "spread": args.spread, "database": url.split(":")[0]}
    with app.app_context(), app.test_request_context():
        if url.startswith("postgresql"):
            db.session.execute(sa.text("TRUNCATE listings, organizations, users RESTART IDENTITY CASCADE"))
            db.session.commit()
        t = time.perf_counter()
        populate(args.size, args.seed, args.spread)
        out["seed_s"] = round(time.perf_counter() - t, 1)
        from market.search import init_app as init_search
        index = init_search(app)  # idempotent when create_app already did it
        if args.with_search:
            t = time.perf_counter()
            index.rebuild()
            out["index_build_s"] = round(time.perf_counter() - t, 1)
        else:
            index.rebuild_mode = "off"
            app.extensions.pop("search", None)  # SQL candidates only
        out["search_candidates"] = bool(args.with_search)
        from market.matching import corpus
        t = time.perf_counter()
        corpus.tables()
        out["idf_count_s"] = round(time.perf_counter() - t, 2)  # once per process (MATCHING_IDF_SECONDS)
        rng = random.Random(args.seed + 1)
        ids = [rng.randint(1, args.size) for _ in range(args.queries)]
        found, timings = [], {"cold": [], "warm": []}
        for phase in ("cold", "warm"):
            for listing_id in ids:
                listing = db.session.get(Listing, listing_id)
                if phase == "cold":
                    queries.facts.cache_clear()
                    nearby_codes.cache_clear()
                t = time.perf_counter()
                result = queries.suggestions(listing, limit=10)
                timings[phase].append(time.perf_counter() - t)
                found.append(len(result))
                db.session.expunge_all()
        out["cold"], out["warm"] = summary(timings["cold"]), summary(timings["warm"])
        out["suggestions_per_listing_mean"] = round(statistics.mean(found), 1)
    if args.pages:
        out["page"] = time_pages(app, ids[:args.pages])
    os.makedirs(RESULTS, exist_ok=True)
    name = (f"matching-{args.size}{'-spread' if args.spread else ''}{'-search' if args.with_search else ''}"
            f"-{out['database']}.json")
    with open(os.path.join(RESULTS, name), "w") as fh:
        json.dump(out, fh, indent=2)
    print(json.dumps(out, indent=2))


def quality(args):
    """The labelled set (tests/matching/evalset.py) in a fresh database: bench/matching_quality.py."""
    from bench import matching_quality
    app = make_app(f"sqlite:///{tempfile.mkdtemp()}/quality.sqlite", SEARCH_STORAGE="ram",
                   SEARCH_REBUILD_MODE=None)
    with app.app_context(), app.test_request_context():
        figures = matching_quality.measure(matching_quality.load())
    matching_quality.write(figures, args.note)
    print(json.dumps({k: v for k, v in figures.items() if k != "top3"}, indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--spread", action="store_true", help="communes all over France instead of 13")
    parser.add_argument("--with-search", action="store_true",
                        help="build the whoosh index and add its 'more like this' candidates")
    parser.add_argument("--pages", type=int, default=60,
                        help="also time the listing page (test client) for that many listings; 0: skip")
    parser.add_argument("--quality", action="store_true", help="precision@3 and hit@3 on the labelled set")
    parser.add_argument("--note", help="with --quality: record the figures under this change in the history")
    parser.add_argument("--baseline", metavar="DIR",
                        help="another checkout (e.g. main) timed in the same run: bench/matching_compare.py")
    parser.add_argument("--chunk", type=int, default=10, help="with --baseline: listings per turn")
    options = parser.parse_args()
    if options.quality:
        quality(options)
    elif options.baseline:
        from bench import matching_compare
        matching_compare.compare(options)
    else:
        run(options)
