"""Search on PostgreSQL: the whoosh backend and the PostgreSQL backend side by side, same database.

    .venv/bin/python bench/search.py --postgres                   # N = 100,000 (a throwaway PostgreSQL)
    .venv/bin/python bench/search.py --postgres --sizes 10000 --rounds 3
    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/search.py --postgres  # an empty database
    MARKET_BENCH_DATABASE_URL=... MARKET_BENCH_PG_DIR=/tmp/pg-throwaway.X .venv/bin/python bench/search.py \
        --postgres --sizes 1000000 --reuse      # the database an earlier run filled (--keep, or it was stopped)

One database of N published listings (bench/corpus.py), the whoosh index built from it, and the
same 200 queries (words + the category filter the page adds, 20 results, facet counts,
highlights and suggestion: a whole `search_listings`) sent to each backend in turn, round after
round, so both see the same machine load. PostgreSQL twice: as the app runs it (the counts of a
query already asked come from the shared cache, here the process's own, until a write) and
uncached (every search counted by PostgreSQL: the figure of a query nobody asked before). Also
"similar" (matching's text candidates) and browsing a category without words. Besides the
latencies, the CPU each search costs (this process, plus the PostgreSQL server's processes when
the benchmark started the server): on a shared machine, CPU time moves much less with the load
than latencies do.
Results: bench/results/search-pg-<N>.json and search-pg.md.
"""
import os
import random
import shutil
import sys
import tempfile
import time
from types import SimpleNamespace

import sqlalchemy as sa

from bench import corpus

TARGET_P95_MS = 50


def _postgres_url():
    url = os.environ.get("MARKET_BENCH_DATABASE_URL")
    if url:
        return url, None
    from bench.load.server import Postgres
    pg = Postgres()
    return pg.url, pg


def server_cpu(data_dir) -> float:
    """CPU seconds used so far by the server's processes (children of the postmaster); 0 if unknown."""
    if not data_dir:
        return 0.0
    with open(os.path.join(data_dir, "data", "postmaster.pid"), encoding="ascii") as fh:
        postmaster = fh.readline().strip()
    ticks = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == postmaster:  # ppid; then utime, stime are fields 12 and 13 after the name
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(timed_round, data_dir):
    """bench.search.timed_round, plus the server's CPU per call."""
    def run(fn, items):
        before = server_cpu(data_dir)
        out = timed_round(fn, items)
        out["server_cpu_ms_per_call"] = round((server_cpu(data_dir) - before) / len(items) * 1000, 2)
        return out
    return run


def make_app(url, workdir, reuse=False):
    """The app on `url`, its schema rebuilt from the migrations (refused on a database with
    accounts other than the benchmark's); `reuse`: the database as an earlier run left it."""
    from market import create_app
    from market.config import TestConfig
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    cfg.update(SQLALCHEMY_DATABASE_URI=url, SEARCH_STORAGE="file", SEARCH_INDEX_DIR=f"{workdir}/index",
               MAIL_OUTBOX=f"{workdir}/outbox", SEARCH_REBUILD_MODE="off", SEARCH_BACKEND="whoosh")
    app = create_app(cfg)
    if reuse:
        return app
    with app.app_context():
        import logging
        from flask_migrate import upgrade
        from market.extensions import db
        logging.getLogger("alembic").setLevel(logging.WARNING)
        with db.engine.begin() as conn:
            if sa.inspect(conn).has_table("users") and conn.scalar(sa.text(
                    "SELECT count(*) FROM users WHERE email NOT LIKE '%@bench.example'")):
                raise SystemExit("the benchmark replaces the database's schema: give it an empty database "
                                 "(or one of an earlier benchmark)")
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        upgrade()
    return app


def run(n, args, url, data_dir=None):
    from bench.search import load, median_round, populate, timed_round
    timed_round = measured(timed_round, data_dir)
    workdir = tempfile.mkdtemp(prefix=f"bench-search-pg-{n}-")
    print(f"== N = {n:,} on PostgreSQL (whoosh index in {workdir})", flush=True)
    app = make_app(url, workdir, reuse=args.reuse)
    out = {"n": n}
    with app.app_context():
        from market.extensions import db
        from market.listings.models import Listing
        from market.search import make_backend
        from market.search.service import search_listings, similar_listing_ids
        t = time.perf_counter()
        if not args.reuse:
            populate(n, args.seed)
        out["populate_s"] = round(time.perf_counter() - t, 1)  # PostgreSQL computes the vectors as rows arrive
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            # statistics, as autovacuum soon keeps them: without them, the index build's first read of a
            # million fresh rows was planned for an empty table (more than 8 minutes before its first row)
            conn.execute(sa.text("ANALYZE"))
        whoosh, pg, pg_uncached = app.extensions["search"], make_backend(app, "postgres"), make_backend(app, "postgres")
        pg.cache_counts = True  # one process: its own cache is as good as Redis (a GET per search less)
        pg_uncached.cache_counts = False  # every search counted by PostgreSQL: the cold figure
        out["whoosh_build_s"] = whoosh.rebuild()["seconds"]
        out["pg_refresh_s"] = pg.rebuild()["seconds"]  # the vocabulary views and ANALYZE
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))  # as autovacuum would soon: not in the middle of a round
        out["pg_sizes_mb"] = {name: round(db.session.scalar(sa.text(f"SELECT pg_total_relation_size('{name}')"))
                                          / 1e6, 1)
                              for name in ("listings", "ix_listings_search_vector", "search_lexemes",
                                           "search_spellings")}
        # the figures depend on how much of the table PostgreSQL keeps in its own memory
        out["pg_shared_buffers"] = db.session.scalar(sa.text("SHOW shared_buffers"))
        print(f"   populated in {out['populate_s']} s (vectors included); whoosh built in {out['whoosh_build_s']} s;"
              f" vocabulary refreshed in {out['pg_refresh_s']} s; sizes {out['pg_sizes_mb']} MB; shared_buffers {out['pg_shared_buffers']}", flush=True)
        backends = {"whoosh": whoosh, "postgres": pg, "postgres_uncached": pg_uncached}

        def on(name, fn):
            def call(item):
                app.extensions["search"] = backends[name]
                try:
                    return fn(item)
                finally:
                    db.session.rollback()  # each search as its own request
            return call

        rng = random.Random(args.seed + 1)
        queries = corpus.queries(args.queries, rng)
        categories = [c for _q, c in queries]
        sample = [SimpleNamespace(**{k: getattr(l, k) for k in ("id", "kind", "title", "tags", "amenities",
                                                                   "description", "category")})
                  for l in (db.session.get(Listing, rng.randint(1, n)) for _ in range(args.queries))]
        db.session.rollback()
        search = lambda it: search_listings({"q": it[0], "category": it[1]}, per_page=20)  # noqa: E731
        browse = lambda cat: search_listings({"category": cat}, per_page=20)  # noqa: E731
        similar = lambda l: similar_listing_ids(l, limit=100, kind="offer" if l.kind == "need" else "need")  # noqa
        for name in backends:  # warm up: searchers, caches, the commune names' lexemes
            for it in queries[:20]:
                on(name, search)(it)
        rounds = {f"{what}_{name}": [] for what in ("search", "browse", "similar") for name in backends}
        for i in range(args.rounds):
            for name in backends:
                rounds[f"search_{name}"].append(timed_round(on(name, search), queries))
                rounds[f"browse_{name}"].append(timed_round(on(name, browse), categories[:50]))
                rounds[f"similar_{name}"].append(timed_round(on(name, similar), sample[:50]))
            print(f"   round {i + 1}: " + ", ".join(f"{k} {v[-1]['p50_ms']} / {v[-1]['p95_ms']} ms"
                                                   for k, v in rounds.items()) + f" (load {load()[0]})", flush=True)
        out["rounds"] = rounds
        for key, values in rounds.items():
            out[key] = median_round(values)
        out["hits"] = {name: {f"{q} / {c}": on(name, search)((q, c)).total for q, c in queries[:6]}
                       for name in backends}
        out["parity"] = parity(on, search, sorted(set(queries)))
        out["parity_uncached"] = parity(on, search, sorted(set(queries)), "postgres_uncached")
        out["cache_stats"] = dict(app.extensions["cache"].stats)
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(workdir, ignore_errors=True)
    return out


def parity(on, search, queries, postgres="postgres") -> dict:
    """How many distinct queries get the same total and facets, the same first page, the same
    suggestion from both backends (and which differ). A total PostgreSQL estimated from a sample
    (market/search/pg/sample.py) counts as the same within 5 %; `estimated` and the worst error say more."""
    same = {"total_and_facets": 0, "first_page": 0, "suggestion": 0, "queries": len(queries), "differ": [],
            "estimated": 0, "worst_estimate_error": 0.0}
    for item in queries:
        w, p = on("whoosh", search)(item), on(postgres, search)(item)
        facets_same = (w.total, w.facets) == (p.total, p.facets)
        if p.estimated:
            error = abs(p.total - w.total) / max(w.total, 1)
            same["estimated"] += 1
            same["worst_estimate_error"] = round(max(same["worst_estimate_error"], error), 4)
            facets_same = error <= 0.05
        page_same = [l.id for l in w.items] == [l.id for l in p.items]
        same["total_and_facets"] += facets_same
        same["first_page"] += page_same
        same["suggestion"] += w.suggestion == p.suggestion
        if not (facets_same and page_same and w.suggestion == p.suggestion):
            same["differ"].append({"query": " / ".join(item), "totals": [w.total, p.total],
                                   "suggestions": [w.suggestion, p.suggestion],
                                   "first_page_shared": len({l.id for l in w.items} & {l.id for l in p.items})})
    return same


def markdown(results) -> str:
    lines = ["| N | backend | search + facets p50 / p95 | CPU per search (app + server) | browse a category p50 / p95 "
             "| similar p50 / p95 | build |",
             "| --- | --- | --- | --- | --- | --- | --- |"]

    def cpu(x):
        return f"{x['cpu_ms_per_call']} + {x.get('server_cpu_ms_per_call', '?')} ms"
    for r in results:
        for name, build in (("whoosh", f"{r['whoosh_build_s']} s index"),
                            ("postgres", f"vectors as rows arrive; vocabulary {r['pg_refresh_s']} s"),
                            ("postgres_uncached", "the counts never cached")):
            s, b, m = r[f"search_{name}"], r[f"browse_{name}"], r[f"similar_{name}"]
            lines.append(f"| {r['n']:,} | {name} | {s['p50_ms']} / **{s['p95_ms']}** ms | {cpu(s)} | {b['p50_ms']} / "
                         f"{b['p95_ms']} ms ({cpu(b)}) | {m['p50_ms']} / {m['p95_ms']} ms ({cpu(m)}) | {build} |")
    lines += ["", f"Median round by p95 (target for PostgreSQL: search + facets p95 <= {TARGET_P95_MS} ms).", ""]
    for r in results:
        p = r["parity"]
        u = r.get("parity_uncached", p)
        lines.append(f"- N = {r['n']:,}, PostgreSQL uncached: {u['total_and_facets']} / {u['first_page']} / "
                     f"{u['suggestion']} of {u['queries']} alike; cache {r.get('cache_stats')}")
        lines.append(f"- N = {r['n']:,}: of {p['queries']} distinct queries, {p['total_and_facets']} have the same total "
                     f"and facets on both backends, {p['first_page']} the same first page, {p['suggestion']} the same "
                     f"suggestion; differing: {p['differ']}")
        lines.append(f"- N = {r['n']:,}: sizes (MB) {r['pg_sizes_mb']}; shared_buffers {r.get('pg_shared_buffers')}; hits {r['hits']}")
        for name in ("whoosh", "postgres", "postgres_uncached"):
            lines.append(f"- N = {r['n']:,}, {name} rounds (search p50 / p95, load): " + "; ".join(
                f"{x['p50_ms']} / {x['p95_ms']} ({x['load'][0]})" for x in r["rounds"][f"search_{name}"]))
    return "\n".join(lines) + "\n"


def main(args, results_dir):
    import json
    url, pg = _postgres_url()
    results = []
    try:
        for n in args.sizes:  # MARKET_BENCH_PG_DIR: the given database's pg-throwaway folder (its server's CPU)
            results.append(run(n, args, url, pg.dir if pg is not None else os.environ.get("MARKET_BENCH_PG_DIR")))
            with open(os.path.join(results_dir, f"search-pg-{n}.json"), "w", encoding="utf-8") as fh:
                json.dump(results[-1], fh, indent=2)
    finally:
        if pg is not None:
            pg.stop()
    table = markdown(results)
    with open(os.path.join(results_dir, "search-pg.md"), "w", encoding="utf-8") as fh:
        fh.write(table)
    print(table)
    return results


if __name__ == "__main__":
    sys.exit("run it through bench/search.py --postgres")
