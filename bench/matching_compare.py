"""Matching speed of this checkout against another one, in the same run (bench/matching.py --baseline DIR).

    git worktree add --detach /tmp/base main        # the code to compare with, read only
    .venv/bin/python bench/matching.py --baseline /tmp/base --with-search
    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://.../a \\
    MARKET_BENCH_BASELINE_DATABASE_URL=postgresql+psycopg://.../b \\
        .venv/bin/python bench/matching.py --baseline /tmp/base --with-search

Each checkout seeds its own database with its own migrations (the same listings, ids and dates:
bench/matching.py's populate, with the same seed); both read one search index, built once. Then
one worker process per checkout times `suggestions(listing, limit=10)` for the same listings,
a chunk at a time, taking turns (A B, B A, ...): a machine busier at one moment slows both alike.
Reports each one's cold and warm p50/p95, their ratio, how many listings get the same top 10 from
both, and the load average (1 min) during the run. Results: bench/results/matching-compare-*.json.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _child(code: str, *argv: str, **popen) -> subprocess.Popen:
    """This file run with `code` (a checkout) first on the path, from that checkout's directory."""
    python = os.path.join(ROOT, ".venv", "bin", "python")
    return subprocess.Popen([python if os.path.exists(python) else sys.executable, os.path.abspath(__file__),
                             *argv, "--code", code], cwd=code, **popen)


def _summary(values):
    from bench.matching import summary
    return summary(values)


def _commit(code: str) -> str:
    found = subprocess.run(["git", "-C", code, "describe", "--always", "--dirty"], capture_output=True, text=True)
    return found.stdout.strip() or "?"


def compare(args):
    """The parent: seed both databases, start both workers, time them in turns, report."""
    work = tempfile.mkdtemp(prefix="matching-compare-")
    try:
        _compare(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # two SQLite databases and an index: ~1 GB at 100,000


def _compare(args, work):
    this_url = os.environ.get("MARKET_BENCH_DATABASE_URL") or f"sqlite:///{work}/this.sqlite"
    base_url = os.environ.get("MARKET_BENCH_BASELINE_DATABASE_URL") or (
        None if this_url.startswith("postgresql") else f"sqlite:///{work}/baseline.sqlite")
    if base_url is None or base_url == this_url:
        sys.exit("MARKET_BENCH_BASELINE_DATABASE_URL: another database for the baseline's schema")
    index = f"{work}/index" if args.with_search else ""
    codes = {"this": ROOT, "baseline": os.path.abspath(args.baseline)}
    urls = {"this": this_url, "baseline": base_url}
    out = {"size": args.size, "spread": args.spread, "database": this_url.split(":")[0],
           "search_candidates": bool(args.with_search), "queries": args.queries, "cpus": os.cpu_count(),
           "load_before": round(os.getloadavg()[0], 2)}
    now = datetime.now(timezone.utc).isoformat()  # the same dates in both databases
    for name in ("this", "baseline"):  # this one builds the index both read
        seed = ["seed", "--url", urls[name], "--size", str(args.size), "--seed", str(args.seed), "--now", now]
        seed += (["--index", index] if index and name == "this" else []) + (["--spread"] if args.spread else [])
        t = time.perf_counter()
        if _child(codes[name], *seed).wait() != 0:
            sys.exit(f"seeding the {name} database failed")
        print(f"{name}: seeded in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    workers = {name: _child(codes[name], "worker", "--url", urls[name], *(["--index", index] if index else []),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for name in codes}
    for name, worker in workers.items():
        out[name] = {"code": codes[name], "commit": _commit(codes[name]), **json.loads(worker.stdout.readline())}
    rng = random.Random(args.seed + 1)
    ids = [rng.randint(1, args.size) for _ in range(args.queries)]
    times = {name: {"cold": [], "warm": []} for name in codes}
    tops = {name: [] for name in codes}
    loads, turn = [], 0
    for phase in ("cold", "warm"):
        for start in range(0, len(ids), args.chunk):
            order = ("this", "baseline") if turn % 2 == 0 else ("baseline", "this")
            turn += 1
            for name in order:
                workers[name].stdin.write(json.dumps({"phase": phase, "ids": ids[start:start + args.chunk]}) + "\n")
                workers[name].stdin.flush()
                answer = json.loads(workers[name].stdout.readline())
                times[name][phase] += answer["times"]
                if phase == "warm":
                    tops[name] += answer["top"]
            loads.append(os.getloadavg()[0])
    for worker in workers.values():
        worker.stdin.close()
        worker.wait()
    for name in codes:
        out[name].update({phase: _summary(values) for phase, values in times[name].items()})
    out["ratio_this_to_baseline"] = {
        f"{phase}_{p}": round(out["this"][phase][f"{p}_ms"] / out["baseline"][phase][f"{p}_ms"], 2)
        for phase in ("cold", "warm") for p in ("p50", "p95")}
    pairs = list(zip(tops["this"], tops["baseline"]))
    out["same_top10"] = {"ids_and_scores": round(sum(a == b for a, b in pairs) / len(pairs), 3),
                         "ids": round(sum([i for i, _ in a] == [i for i, _ in b] for a, b in pairs) / len(pairs), 3)}
    out["load_during"] = {"mean": round(sum(loads) / len(loads), 2), "min": round(min(loads), 2),
                          "max": round(max(loads), 2)}
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    name = (f"matching-compare-{args.size}{'-spread' if args.spread else ''}{'-search' if args.with_search else ''}"
            f"-{out['database']}.json")
    with open(os.path.join(HERE, "results", name), "w") as fh:
        json.dump(out, fh, indent=2)
    print(json.dumps(out, indent=2))


def _helpers():
    """This bench's bench/matching.py (make_app, populate), whatever checkout is under test."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_matching_helpers", os.path.join(HERE, "matching.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed(options, helpers):
    """A child: this checkout's schema and the bench's listings in `url` (and the index, if asked)."""
    import sqlalchemy as sa
    make_app, populate = helpers.make_app, helpers.populate
    app = make_app(options.url, **({"SEARCH_INDEX_DIR": options.index} if options.index else {}))
    with app.app_context(), app.test_request_context():
        from market.extensions import db
        if options.url.startswith("postgresql"):
            db.session.execute(sa.text("TRUNCATE listings, organizations, users RESTART IDENTITY CASCADE"))
            db.session.commit()
        populate(options.size, options.seed, options.spread, datetime.fromisoformat(options.now))
        if options.index:
            from market.search import init_app as init_search
            init_search(app).rebuild()


def worker(options, helpers):
    """A child: answers {"phase", "ids"} lines with the timings and top 10 of each listing."""
    answer = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything else printed goes to stderr
    app = helpers.make_app(options.url, migrate=False, MATCHING_IDF_SECONDS=600,
                   **({"SEARCH_INDEX_DIR": options.index} if options.index else {}))
    with app.app_context(), app.test_request_context():
        from market.extensions import db
        from market.listings.models import Listing
        from market.matching import corpus, queries
        from market.matching.nearby import nearby_codes
        from market.search import init_app as init_search
        index = init_search(app)
        if not options.index:
            index.rebuild_mode = "off"
            app.extensions.pop("search", None)  # SQL candidates only
        t = time.perf_counter()
        corpus.tables()
        print(json.dumps({"idf_count_s": round(time.perf_counter() - t, 2)}), file=answer, flush=True)
        for line in sys.stdin:
            asked = json.loads(line)
            timings, top = [], []
            for listing_id in asked["ids"]:
                listing = db.session.get(Listing, listing_id)
                if asked["phase"] == "cold":
                    queries.facts.cache_clear()
                    nearby_codes.cache_clear()
                t = time.perf_counter()
                found = queries.suggestions(listing, limit=10)
                timings.append(time.perf_counter() - t)
                top.append([(s.listing.id, s.score) for s in found])
                db.session.expunge_all()
            print(json.dumps({"times": timings, "top": top}), file=answer, flush=True)


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=("seed", "worker"))
    parser.add_argument("--code", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--index", default="")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--spread", action="store_true")
    parser.add_argument("--now", help="seed: the time the listings' dates count from (ISO 8601)")
    options = parser.parse_args()
    helpers = _helpers()  # this bench's helpers...
    sys.path.insert(0, os.path.abspath(options.code))  # ...and the market package of the checkout under test
    seed(options, helpers) if options.role == "seed" else worker(options, helpers)
