"""PostgreSQL search as served while listings are being edited: the counts cache's hits and the latency.

    MARKET_BENCH_DATABASE_URL=... .venv/bin/python bench/search_writes.py --every 10   # a bench/search.py database
    MARKET_BENCH_DATABASE_URL=... .venv/bin/python bench/search_writes.py --every 10 --baseline 1f7af85

On the listings an earlier `bench/search.py --postgres --keep` left (or any of its databases),
searches go to the PostgreSQL backend as the app serves them (counts cached; here in this
process's memory, in production in Redis: the same generations), and every `--every` searches
one listing's title is edited and committed through the ORM, as its owner would. Reports the
cache's hits and misses, the searches' p50 / p95, and checks every `--check` searches against
an uncached count of the same query (total, facets, page): a stale answer is counted and
printed; the edits' own time (flush, commit, invalidation) is reported too. The titles are put
back at the end. `--baseline REF`: the same run with another commit's code (a git archive of
it, with this file), trees alternating `--repeat` times, one process each.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from bench import corpus  # noqa: E402
from bench.search import pct  # noqa: E402
from bench.search_pg import make_app  # noqa: E402

MARK = " (mis à jour)"


def run(args) -> dict:
    app = make_app(os.environ["MARKET_BENCH_DATABASE_URL"], "/tmp/bench-search-writes", reuse=True)
    with app.app_context():
        import sqlalchemy as sa
        from market.extensions import db
        from market.listings.models import Listing
        from market.search import make_backend
        from market.search.service import search_listings
        cached, uncached = make_backend(app, "postgres"), make_backend(app, "postgres")
        cached.cache_counts, uncached.cache_counts = True, False
        rng = random.Random(args.seed)
        queries = corpus.queries(args.searches, rng)
        top = db.session.scalar(sa.select(sa.func.max(Listing.id)))
        edited, times, writes, stale = set(), [], [], []

        def search(backend, q, category):
            app.extensions["search"] = backend
            try:
                r = search_listings({"q": q, "category": category}, per_page=20)
                return r.total, r.facets, [listing.id for listing in r.items]
            finally:
                db.session.rollback()
                app.extensions["search"] = cached  # the app's backend, as the edits find it

        for warm in queries[:40]:
            search(cached, *warm)
        cache = app.extensions["cache"]
        cache.stats.update(hits=0, misses=0)
        for i, (q, category) in enumerate(queries):
            if args.every and i % args.every == 0:
                began = time.perf_counter()
                listing = db.session.get(Listing, rng.randint(1, top))
                listing.title = (listing.title[:-len(MARK)] if listing.title.endswith(MARK) else listing.title + MARK)
                edited.add(listing.id)
                db.session.commit()
                writes.append(time.perf_counter() - began)
            began = time.perf_counter()
            found = search(cached, q, category)
            times.append(time.perf_counter() - began)
            if args.check and i % args.check == 0 and found != search(uncached, q, category):
                stale.append(f"{q} / {category} after {i} searches")
        hits, misses = cache.stats["hits"], cache.stats["misses"]
        for listing_id in edited:  # as they were
            listing = db.session.get(Listing, listing_id)
            if listing.title.endswith(MARK):
                listing.title = listing.title[:-len(MARK)]
        db.session.commit()
    return {"searches": len(queries), "write_every": args.every, "hits": hits, "misses": misses,
            "hit_rate": round(hits / max(1, hits + misses), 3), "p50_ms": round(pct(times, 50), 2),
            "p95_ms": round(pct(times, 95), 2), "mean_ms": round(statistics.mean(times) * 1000, 2),
            "write_p50_ms": round(pct(writes, 50), 2) if writes else None,
            "checked": len(queries[::args.check]) if args.check else 0, "stale": stale,
            "load": [round(x, 2) for x in os.getloadavg()]}


def compare(args) -> int:
    """This tree and `args.baseline`'s, alternating, one process each."""
    from bench.imports import export_tree
    from bench.trees import alternate, table
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    trees = {"this tree": root, args.baseline: export_tree(args.baseline)}
    shutil.copy(os.path.abspath(__file__), os.path.join(trees[args.baseline], "bench"))
    options = ["--every", str(args.every), "--searches", str(args.searches), "--check", str(args.check),
               "--seed", str(args.seed), "--json"]
    try:
        results = alternate(trees, lambda tree: [os.path.join(tree, "bench", "search_writes.py"), *options],
                            args.repeat)
    finally:
        shutil.rmtree(trees[args.baseline], ignore_errors=True)
    print(f"A listing edited every {args.every} searches, {args.searches} searches per process")
    print(table(["code", "cache hits", "search p50 / p95", "edit (commit) p50", "stale answers", "load"],
                [[name, f"{r['hit_rate']:.0%} ({r['hits']} / {r['hits'] + r['misses']})",
                  f"{r['p50_ms']} / {r['p95_ms']} ms", f"{r['write_p50_ms']} ms",
                  f"{len(r['stale'])} of {r['checked']}", r["load"][0]]
                 for name, runs in results.items() for r in runs]))
    return 1 if any(r["stale"] for runs in results.values() for r in runs) else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--every", type=int, default=10, help="a listing edited every N searches (0: none)")
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--check", type=int, default=5, help="compare with an uncached count every N searches")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", metavar="GIT_REF", help="the same run with this commit's code, alternating")
    parser.add_argument("--repeat", type=int, default=2, help="--baseline: processes per tree")
    parser.add_argument("--json", action="store_true", help="the result as one line of JSON")
    args = parser.parse_args()
    if args.baseline:
        return compare(args)
    out = run(args)
    print(json.dumps(out, ensure_ascii=False) if args.json else json.dumps(out, indent=1, ensure_ascii=False))
    return 1 if out["stale"] else 0


if __name__ == "__main__":
    sys.exit(main())
