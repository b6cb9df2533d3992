"""Search benchmark: whoosh (as the app uses it) against SQLite FTS5, on a seeded French corpus.

    .venv/bin/python bench/search.py                      # N = 10,000 then 100,000
    .venv/bin/python bench/search.py --sizes 10000 --queries 200 --procs 2

Reports, for each N: index build time and size, single-update latency (commit to visible),
p50/p95 of 200 filtered queries (category filter, 20 results, facets) and of "similar
listings", the naive steps measured on the way, and the same queries on FTS5 with the ratio.
Results go to bench/results/search-<N>.json and bench/results/search.md (not committed).
"""
import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from types import SimpleNamespace
from datetime import timedelta

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import sqlalchemy as sa  # noqa: E402

from bench import corpus  # noqa: E402
from bench.fts5 import Fts5  # noqa: E402

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def summary(values):
    return {"p50_ms": round(pct(values, 50), 2), "p95_ms": round(pct(values, 95), 2), "n": len(values)}


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _s, files in os.walk(path) for f in files)


def make_app(workdir, procs):
    from market import create_app
    from market.config import TestConfig
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    cfg.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir}/bench.sqlite", SEARCH_STORAGE="file",
               SEARCH_INDEX_DIR=f"{workdir}/index", SEARCH_BUILD_PROCS=procs, MAIL_OUTBOX=f"{workdir}/outbox",
               SEARCH_REBUILD_MODE="off")
    app = create_app(cfg)
    with app.app_context():
        from flask_migrate import upgrade
        import logging
        logging.getLogger("alembic").setLevel(logging.WARNING)
        upgrade()
    return app


def populate(n, seed):
    """Insert organisations, their admins and n published listings (Core inserts: fast, no events)."""
    from market.accounts.models import Organization, User
    from market.extensions import db
    from market.listings.models import Listing
    from market.types import utcnow
    rng = random.Random(seed)
    n_orgs = max(20, n // 50)
    now = utcnow()
    orgs = corpus.organizations(n_orgs, rng)
    db.session.execute(sa.insert(User), [{"id": i + 1, "email": f"admin{i}@bench.example", "password_hash": "x",
                                          "display_name": f"Admin {i}", "status": "active", "created_at": now}
                                         for i in range(n_orgs)])
    db.session.execute(sa.insert(Organization), [
        {"id": i + 1, "slug": f"org-{i}", "name": o["name"], "legal_form": "association",
         "commune_code": o["commune_code"], "status": "verified", "created_at": now, "updated_at": now}
        for i, o in enumerate(orgs)])
    rows = []
    for i in range(n):
        item = corpus.listing(i, rng, n_orgs)
        org = item.pop("org_index")
        published = now - timedelta(minutes=rng.randint(0, 60 * 24 * 50))
        rows.append({**item, "id": i + 1, "organization_id": org + 1, "author_id": org + 1, "status": "published",
                     "quantity": 1, "hidden": False, "published_at": published, "created_at": published,
                     "updated_at": published, "expires_at": now + timedelta(days=rng.randint(1, 60)),
                     "moderation_note": ""})
        if len(rows) == 5000:
            db.session.execute(sa.insert(Listing), rows)
            rows = []
    if rows:
        db.session.execute(sa.insert(Listing), rows)
    db.session.commit()


def timed(fn, items):
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - t)
    return out


def naive_steps(index, queries):
    """The steps on the way: a cold searcher per query, then whoosh `groupedby` facets."""
    from whoosh import query as Q
    from whoosh import sorting
    from market.search.query import text_query

    def search(searcher, q, category):
        query = Q.And([text_query(q), Q.Term("category", category, boost=0.0)])
        facets = {f: sorting.FieldFacet(f) for f in ("kind", "category", "terms", "commune_code")}
        res = searcher.search(query, limit=20, groupedby=facets)
        return [res.groups(f) for f in facets]

    def cold(item):
        with index.store.open_current().searcher() as s:
            search(s, *item)

    warm_searcher = index.searcher()
    return {"cold searcher + groupedby facets": summary(timed(cold, queries)),
            "warm searcher + groupedby facets": summary(timed(lambda it: search(warm_searcher, *it), queries))}


def update_latency(app, rounds, rng):
    """Commit a new title through the ORM (the hooks write the index), then search until it is found."""
    from market.extensions import db
    from market.listings.models import Listing
    from market.search.service import search_listings
    commits, visible = [], []
    total = db.session.scalar(sa.select(sa.func.count(Listing.id)))
    for i in range(rounds):
        listing = db.session.get(Listing, rng.randint(1, total))
        token = f"zzbench{i}x{rng.randint(0, 10**6)}"
        listing.title = f"{listing.title[:100]} {token}"
        t0 = time.perf_counter()
        db.session.commit()
        commits.append(time.perf_counter() - t0)
        while True:
            if search_listings({"q": token}, per_page=1).total:
                break
            if time.perf_counter() - t0 > 30:
                raise RuntimeError("update not visible after 30 s")
            time.sleep(0.005)
        visible.append(time.perf_counter() - t0)
        db.session.remove()
    return {"commit": summary(commits), "commit_to_visible": summary(visible)}


def run(n, args):
    workdir = tempfile.mkdtemp(prefix=f"bench-search-{n}-")
    print(f"== N = {n:,} (in {workdir})", flush=True)
    app = make_app(workdir, args.procs)
    out = {"n": n, "procs": args.procs}
    with app.app_context():
        from market.extensions import db
        from market.listings.models import Listing
        from market.search import init_app
        from market.search.service import search_listings, similar_listing_ids
        t = time.perf_counter()
        populate(n, args.seed)
        out["populate_s"] = round(time.perf_counter() - t, 1)
        index = init_app(app)
        result = index.rebuild()
        out["build_s"] = result["seconds"]
        out["index_mb"] = round(du(os.path.join(workdir, "index")) / 1e6, 1)
        print(f"   built in {out['build_s']} s, {out['index_mb']} MB", flush=True)
        rng = random.Random(args.seed + 1)
        queries = corpus.queries(args.queries, rng)
        for q, cat in queries[:20]:  # warm up: open the searcher, read the columns
            search_listings({"q": q, "category": cat}, per_page=20)
        out["naive"] = naive_steps(index, queries[: args.naive])
        print(f"   naive: {out['naive']}", flush=True)
        out["search"] = summary(timed(lambda it: search_listings({"q": it[0], "category": it[1]}, per_page=20),
                                      queries))
        sample = [SimpleNamespace(**{k: getattr(l, k) for k in ("id", "title", "tags", "amenities", "description",
                                                                   "category")})
                  for l in (db.session.get(Listing, rng.randint(1, n)) for _ in range(args.queries))]
        out["similar"] = summary(timed(lambda l: similar_listing_ids(l, limit=10), sample))
        out["hits_example"] = {q: search_listings({"q": q, "category": c}).total for q, c in queries[:5]}
        print(f"   search {out['search']}, similar {out['similar']}", flush=True)
        out["update"] = update_latency(app, args.updates, rng)
        print(f"   update {out['update']}", flush=True)
        fts = Fts5(os.path.join(workdir, "bench.sqlite"))
        out["fts5_build_s"] = fts.build()
        out["fts5_search"] = summary(timed(lambda it: fts.search(*it), queries))
        out["fts5_similar"] = summary(timed(lambda l: fts.similar(l), sample))
        out["ratio_search_p95"] = round(out["search"]["p95_ms"] / out["fts5_search"]["p95_ms"], 2)
        out["ratio_similar_p95"] = round(out["similar"]["p95_ms"] / out["fts5_similar"]["p95_ms"], 2)
        print(f"   fts5 search {out['fts5_search']}, similar {out['fts5_similar']}", flush=True)
        db.session.remove()
        db.engine.dispose()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return out


def markdown(results):
    lines = ["| N | build | index size | update visible p50 / max | search p50 / p95 (whoosh) | "
             "search p50 / p95 (FTS5) | p95 ratio | similar p50 / p95 (whoosh) | similar p95 (FTS5) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        u = r["update"]["commit_to_visible"]
        lines.append(f"| {r['n']:,} | {r['build_s']} s | {r['index_mb']} MB | {u['p50_ms']} / {pct_max(r)} ms | "
                     f"{r['search']['p50_ms']} / {r['search']['p95_ms']} ms | {r['fts5_search']['p50_ms']} / "
                     f"{r['fts5_search']['p95_ms']} ms | {r['ratio_search_p95']} | {r['similar']['p50_ms']} / "
                     f"{r['similar']['p95_ms']} ms | {r['fts5_similar']['p95_ms']} ms |")
    lines += ["", "Steps on the way (p50 / p95, same queries):", ""]
    for r in results:
        for name, s in r["naive"].items():
            lines.append(f"- N = {r['n']:,}, {name}: {s['p50_ms']} / {s['p95_ms']} ms")
        lines.append(f"- N = {r['n']:,}, warm searcher + bounded top 20 + bitset facets (the app): "
                     f"{r['search']['p50_ms']} / {r['search']['p95_ms']} ms")
    return "\n".join(lines) + "\n"


def pct_max(r):
    return r["update"].get("max_ms", r["update"]["commit_to_visible"]["p95_ms"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--naive", type=int, default=50, help="queries for the naive steps")
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--procs", type=int, default=1, help="processes for the index build")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and index")
    args = parser.parse_args()
    os.makedirs(RESULTS, exist_ok=True)
    results = []
    for n in args.sizes:
        results.append(run(n, args))
        with open(os.path.join(RESULTS, f"search-{n}.json"), "w", encoding="utf-8") as fh:
            json.dump(results[-1], fh, indent=2)
    table = markdown(results)
    with open(os.path.join(RESULTS, "search.md"), "w", encoding="utf-8") as fh:
        fh.write(table)
    print(table)


if __name__ == "__main__":
    main()
