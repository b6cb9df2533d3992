"""Search benchmark: whoosh (as the app uses it) against SQLite FTS5, on a seeded French corpus.

    .venv/bin/python bench/search.py                      # N = 10,000 then 100,000
    .venv/bin/python bench/search.py --sizes 10000 --queries 200 --rounds 5
    .venv/bin/python bench/search.py --postgres           # whoosh and PostgreSQL search side by side, N = 100,000

Reports, for each N: index build time and size, single-update latency (commit to visible),
p50/p95 of 200 filtered queries (category filter, 20 results, facets) and of "similar
listings", the naive steps measured on the way, and the same queries on FTS5 with the ratio.
The machine is shared: the queries run in `--rounds` rounds, whoosh then FTS5 in each, the
table shows the median round (all rounds, CPU times and load averages are in the JSON).
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
    return {"p50_ms": round(pct(values, 50), 2), "p95_ms": round(pct(values, 95), 2),
            "max_ms": round(max(values) * 1000, 2), "n": len(values)}


def load():
    return [round(x, 2) for x in os.getloadavg()]


def du(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _s, files in os.walk(path) for f in files)


def make_app(workdir):
    from market import create_app
    from market.config import TestConfig
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    cfg.update(SQLALCHEMY_DATABASE_URI=f"sqlite:///{workdir}/bench.sqlite", SEARCH_STORAGE="file",
               SEARCH_INDEX_DIR=f"{workdir}/index", MAIL_OUTBOX=f"{workdir}/outbox",
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


def timed_round(fn, items) -> dict:
    """Latencies of `fn` over `items`, with the process CPU time per call and the load average."""
    cpu = time.process_time()
    out = summary(timed(fn, items))
    out["cpu_ms_per_call"] = round((time.process_time() - cpu) / len(items) * 1000, 2)
    out["load"] = load()
    return out


def median_round(rounds: list[dict]) -> dict:
    return sorted(rounds, key=lambda r: r["p95_ms"])[len(rounds) // 2]


def naive_steps(index, queries):
    """The steps on the way: plain whoosh `search` + `groupedby` facets, cold then warm searcher.

    The category filter is a set of document numbers read once per category from its column
    (filters are columns, not terms, in this schema), as whoosh caches a filter query.
    """
    from whoosh import sorting
    from market.search.query import text_query

    filters = {}

    def category_docs(searcher, category):
        key = (id(searcher), category)
        if key not in filters:
            column = searcher.reader().column_reader("category")
            filters[key] = {d for d, value in enumerate(column) if value == category}
        return filters[key]

    def search(searcher, q, category):
        facets = {f: sorting.FieldFacet(f) for f in ("kind", "category", "terms", "commune_code")}
        res = searcher.search(text_query(q), limit=20, groupedby=facets, filter=category_docs(searcher, category))
        return [res.groups(f) for f in facets]

    def cold(item):
        with index.store.open_current().searcher() as s:
            filters.clear()
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
    app = make_app(workdir)
    out = {"n": n}
    with app.app_context():
        from market.extensions import db
        from market.listings.models import Listing
        from market.search import init_app
        from market.search.service import search_listings, similar_listing_ids
        t = time.perf_counter()
        populate(n, args.seed)
        out["populate_s"] = round(time.perf_counter() - t, 1)
        index = init_app(app)
        out["build_load_before"] = load()
        cpu = time.process_time()
        result = index.rebuild()
        out["build_s"] = result["seconds"]
        out["build_cpu_s"] = round(time.process_time() - cpu, 1)
        out["build_load_after"] = load()
        out["index_mb"] = round(du(os.path.join(workdir, "index")) / 1e6, 1)
        fts = Fts5(os.path.join(workdir, "bench.sqlite"))
        out["fts5_build_s"] = fts.build()
        print(f"   built in {out['build_s']} s (CPU {out['build_cpu_s']} s, load {out['build_load_before']} -> "
              f"{out['build_load_after']}), {out['index_mb']} MB; FTS5 built in {out['fts5_build_s']} s", flush=True)
        rng = random.Random(args.seed + 1)
        queries = corpus.queries(args.queries, rng)
        for q, cat in queries[:20]:  # warm up: open the searcher, read the columns
            search_listings({"q": q, "category": cat}, per_page=20)
        out["naive"] = naive_steps(index, queries[: args.naive]) if args.naive else {}
        print(f"   naive: {out['naive']}", flush=True)
        sample = [SimpleNamespace(**{k: getattr(l, k) for k in ("id", "title", "tags", "amenities", "description",
                                                                   "category")})
                  for l in (db.session.get(Listing, rng.randint(1, n)) for _ in range(args.queries))]
        rounds = {"search": [], "fts5_search": [], "similar": [], "fts5_similar": []}
        for i in range(args.rounds):  # interleaved: whoosh and FTS5 see the same machine load
            rounds["search"].append(timed_round(
                lambda it: search_listings({"q": it[0], "category": it[1]}, per_page=20), queries))
            rounds["fts5_search"].append(timed_round(lambda it: fts.search(*it), queries))
            rounds["similar"].append(timed_round(lambda l: similar_listing_ids(l, limit=10), sample))
            rounds["fts5_similar"].append(timed_round(lambda l: fts.similar(l), sample))
            print(f"   round {i + 1}: " + ", ".join(f"{k} {v[-1]['p50_ms']} / {v[-1]['p95_ms']} ms "
                                                   f"(load {v[-1]['load'][0]})" for k, v in rounds.items()),
                  flush=True)
        out["rounds"] = rounds
        for key, values in rounds.items():
            out[key] = median_round(values)
        out["hits_example"] = {q: search_listings({"q": q, "category": c}).total for q, c in queries[:5]}
        out["ratio_search_p95"] = round(out["search"]["p95_ms"] / out["fts5_search"]["p95_ms"], 2)
        out["ratio_similar_p95"] = round(out["similar"]["p95_ms"] / out["fts5_similar"]["p95_ms"], 2)
        out["update"] = update_latency(app, args.updates, rng)
        print(f"   update {out['update']}", flush=True)
        db.session.remove()
        db.engine.dispose()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return out


def markdown(results):
    lines = ["| N | build (FTS5 build) | index size | update visible p50 / max | search p50 / p95 (whoosh) | "
             "search p50 / p95 (FTS5) | p95 ratio | similar p50 / p95 (whoosh) | similar p95 (FTS5) | load |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        u = r["update"]["commit_to_visible"]
        lines.append(f"| {r['n']:,} | {r['build_s']} s ({r['fts5_build_s']} s) | {r['index_mb']} MB | "
                     f"{u['p50_ms']} / {u['max_ms']} ms | "
                     f"{r['search']['p50_ms']} / {r['search']['p95_ms']} ms | {r['fts5_search']['p50_ms']} / "
                     f"{r['fts5_search']['p95_ms']} ms | {r['ratio_search_p95']} | {r['similar']['p50_ms']} / "
                     f"{r['similar']['p95_ms']} ms | {r['fts5_similar']['p95_ms']} ms | {r['search']['load'][0]} |")
    lines += ["", "Median of the rounds by p95; load = 1-minute load average on this 2-core machine.", "",
              "Every round (whoosh search p50 / p95, CPU per query; FTS5 search p50 / p95):", ""]
    for r in results:
        for w, f in zip(r["rounds"]["search"], r["rounds"]["fts5_search"]):
            lines.append(f"- N = {r['n']:,}: {w['p50_ms']} / {w['p95_ms']} ms, CPU {w['cpu_ms_per_call']} ms; "
                         f"FTS5 {f['p50_ms']} / {f['p95_ms']} ms (load {w['load'][0]})")
        lines.append(f"- N = {r['n']:,}: build CPU {r['build_cpu_s']} s, load {r['build_load_before'][0]} -> "
                     f"{r['build_load_after'][0]}")
    lines += ["", "Steps on the way (p50 / p95, same queries):", ""]
    for r in results:
        for name, s in r["naive"].items():
            lines.append(f"- N = {r['n']:,}, {name}: {s['p50_ms']} / {s['p95_ms']} ms")
        lines.append(f"- N = {r['n']:,}, warm searcher + bounded top 20 + bitset facets (the app): "
                     f"{r['search']['p50_ms']} / {r['search']['p95_ms']} ms")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", help="default: 10,000 then 100,000 (--postgres: 100,000)")
    parser.add_argument("--postgres", action="store_true",
                        help="both search backends on one PostgreSQL database (bench/search_pg.py)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--naive", type=int, default=50, help="queries for the naive steps (0: skip them)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the query measurements")
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and index")
    parser.add_argument("--reuse", action="store_true",
                        help="--postgres: the listings already in MARKET_BENCH_DATABASE_URL (an earlier run's)")
    args = parser.parse_args()
    os.makedirs(RESULTS, exist_ok=True)
    if args.postgres:
        from bench import search_pg
        args.sizes = args.sizes or [100_000]
        search_pg.main(args, RESULTS)
        return
    args.sizes = args.sizes or [10_000, 100_000]
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
