"""The commonest and a selective search of the benchmark's corpus on PostgreSQL, never cached: a
filled database (bench/search.py --keep, or --seed here), median ms of each through `search_listings`.

    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/search_cold.py --seed 1000000
    MARKET_BENCH_DATABASE_URL=... .venv/bin/python bench/search_cold.py --baseline 968d443   # two trees, alternating

`--seed N` fills an empty database with N listings (bench/corpus.py; ~6 min for a million) and its
vocabulary, then stops. `--baseline REF`: this tree and REF's code in turn, `--repeat` processes each.
`--all` (this tree): the 36 queries of bench/search.py instead of the six, with their median and slowest.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

QUERIES = [("fete musique", "equipment"), ("assemblée générale", "equipment"), ("benevole", "volunteering"),
           ("sono", "equipment"), ("jardin", "premises"), ("plomberie", "skill")]


def run(seed: int, times: int, every: bool = False) -> dict:
    import sqlalchemy as sa
    from bench.search_pg import make_app
    app = make_app(os.environ["MARKET_BENCH_DATABASE_URL"], "/tmp/bench-search-cold", reuse=not seed)
    with app.app_context():
        from market.extensions import db
        from market.search import make_backend
        from market.search.service import search_listings
        backend = make_backend(app, "postgres")
        backend.cache_counts, app.extensions["search"] = False, backend
        if seed:
            from bench.search import populate
            populate(seed, 42)
            db.session.commit()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))
            backend.rebuild()
            return {"seeded": seed}
        out = {"totals": {}}
        from bench import corpus
        queries = [(q, corpus.CATEGORY_OF.get(q, "equipment")) for q in corpus.QUERIES] if every else QUERIES
        for q, category in queries:
            spent = []
            for _ in range(times + 1):  # the first one warms the process
                start = time.perf_counter()
                found = search_listings({"q": q, "category": category}, per_page=20)
                spent.append(time.perf_counter() - start)
                db.session.rollback()
            out[q] = round(statistics.median(spent[1:]) * 1000, 1)
            out["totals"][q] = [found.total, getattr(found, "estimated", False)]  # an estimate since stop 26
        if every:
            spent = sorted(v for k, v in out.items() if k != "totals")
            out["all"] = {"median": statistics.median(spent), "slowest": spent[-1]}
        out["load"] = round(os.getloadavg()[0], 2)
        return out


def compare(args) -> None:
    from bench.imports import export_tree
    from bench.trees import alternate, table
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    trees = {"this tree": root, args.baseline: export_tree(args.baseline)}
    shutil.copy(os.path.abspath(__file__), os.path.join(trees[args.baseline], "bench"))
    try:
        results = alternate(trees, lambda tree: [os.path.join(tree, "bench", "search_cold.py"), "--times",
                                                 str(args.times)], args.repeat)
    finally:
        shutil.rmtree(trees[args.baseline], ignore_errors=True)
    names = [q for q, _category in QUERIES]
    print(table(["code", *names, "load"], [[name, *(f"{r[q]} ms" for q in names), r["load"]]
                                           for name, runs in results.items() for r in runs]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=0, help="fill an empty database with N listings, then stop")
    parser.add_argument("--times", type=int, default=4, help="searches per query (their median)")
    parser.add_argument("--baseline", metavar="GIT_REF", help="the same run with this commit's code, alternating")
    parser.add_argument("--repeat", type=int, default=2, help="--baseline: processes per tree")
    parser.add_argument("--all", action="store_true", help="the 36 queries of bench/search.py, not the six")
    args = parser.parse_args()
    if args.baseline:
        compare(args)
    else:
        print(json.dumps(run(args.seed, args.times, args.all), ensure_ascii=False))


if __name__ == "__main__":
    main()
