"""Load and fault benchmark: the app under gunicorn, on PostgreSQL, with many listings (not a CI test).

    .venv/bin/python bench/load.py                                  # 100,000 listings, 50 users, 60 s
    .venv/bin/python bench/load.py --listings 10000 --seconds 20    # a quick run first
    .venv/bin/python bench/load.py --mode load --mode kill-worker --mode pg-restart --mode disk-full
    .venv/bin/python bench/load.py --servers 1 --servers 2 --workers 1 --pin   # one app server against two

Everything runs on 127.0.0.1 and stops by itself: a throwaway PostgreSQL (scripts/pg-throwaway),
listings bulk-inserted with COPY, the search index rebuilt when `flask market reindex` exists
(else search answers from SQL), then for each mode a fresh `gunicorn wsgi:app -w 2` and N virtual
users (threads, stdlib http.client) for S seconds: browse, search, listing page, login, post.
Reports requests/s and p50/p95/p99 per page, errors, 5xx and lost writes (every post answered
"created" must be in the database), and `check-index` when it exists. Results: bench/results/load-*.json.
Modes: load; kill-worker (SIGKILL a worker mid-run); pg-restart (restart PostgreSQL mid-run, the
app is not restarted); disk-full (index folder on a full tmpfs: needs root; the posts must be saved).
Several app servers (`--servers 2`): that many gunicorns on one database, one throwaway redis-server
(MARKET_REDIS_URL) and one search index folder, the client sending each request to the next server
(round-robin, as a proxy would); with any count above one, every run of the invocation uses the Redis,
so the runs differ by the number of servers alone, and the report gives each count's throughput
against one server's.
"""
import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from bench.load import client, faults, observe, profile, seed  # noqa: E402
from bench.load.server import ROOT, Cluster, Postgres, Redis, flask, has_command, log  # noqa: E402

RESULTS = os.path.join(ROOT, "bench", "results")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50, help="concurrent virtual users")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each mode")
    parser.add_argument("--workers", type=int, action="append",
                        help="gunicorn workers; repeat to run `load` once per value (faults use the first); "
                             "default: gunicorn.conf.py's")
    parser.add_argument("--think", type=float, action="append",
                        help="mean pause between a user's requests (s); repeat to run `load` once per value "
                             "(faults use the first); default 0: each user sends its next request at once")
    parser.add_argument("--ramp", type=float,
                        help="seconds over which the users arrive, not timed (default: twice the mean pause)")
    parser.add_argument("--servers", type=int, action="append",
                        help="app servers (gunicorns) behind a round-robin client; repeat (--servers 1 --servers 2) "
                             "to run `load` once per value and compare (faults use the first); default 1")
    parser.add_argument("--pin", action="store_true",
                        help="server n runs on CPU n only: each server as a machine of one core")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat the `load` runs, alternating, and report each count's median (shared machines)")
    parser.add_argument("--mode", action="append", choices=["load", "kill-worker", "pg-restart", "disk-full"])
    parser.add_argument("--no-reindex", action="store_true", help="skip the search index even if the command exists")
    parser.add_argument("--profile", action="store_true",
                        help="sample each worker with py-spy during `load` (needs py-spy and root); "
                             "collapsed stacks and a per-function summary in the work folder")
    return parser.parse_args(argv)


def app_env(pg_url: str, work: str, redis_url: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MARKET_")}
    if redis_url:
        env["MARKET_REDIS_URL"] = redis_url
    env.update(DATABASE_URL=pg_url, MARKET_SECRET_KEY=secrets.token_hex(32), MARKET_ENV="development",
               MARKET_LOGIN_RATE_LIMIT="100000 per minute",  # every virtual user comes from 127.0.0.1
               MARKET_MAIL_OUTBOX=os.path.join(work, "outbox"), MARKET_SEARCH_INDEX_DIR=os.path.join(work, "index"),
               PYTHONWARNINGS="ignore")
    return env


def check_index(env: dict) -> str | None:
    if not has_command(env, "check-index"):
        return None
    result = flask(env, "market", "check-index", check=False)
    return f"exit {result.returncode}: {(result.stdout + result.stderr).strip()}"


def lost_writes(pg_url: str, stats) -> int:
    found = seed.count_titles(pg_url, stats.posted) if stats.posted else set()
    return len(set(stats.posted) - found)


def run_mode(mode, args, env, pg, data, work, think, workers, servers=1, redis=None, round_=1) -> dict:
    events = {}
    disk = None
    if mode == "disk-full":
        disk = faults.FullDisk(env["MARKET_SEARCH_INDEX_DIR"], os.path.join(work, "full-index"))
        env = {**env, "MARKET_SEARCH_INDEX_DIR": disk.mount_dir}
    name = f"gunicorn-{mode}-w{workers}-think{think}" + (f"-s{servers}" if servers > 1 else "") + (
        f"-r{round_}" if round_ > 1 else "")
    server = Cluster(env, servers, workers, os.path.join(work, name), pin=args.pin)
    events["workers"] = workers = len(server.workers())
    try:
        during = None
        if mode == "kill-worker":
            during = faults.kill_worker(server, args.seconds * 0.4, events)
        elif mode == "pg-restart":
            during = faults.restart_postgres(pg, args.seconds / 3, events)
        elif mode == "disk-full":
            during = faults.free_disk(disk, lambda: check_index(env), args.seconds * 0.6, events)
        mix = {"post": 60, "listing": 20, "search": 20} if mode in ("kill-worker", "disk-full") else None
        log(f"{mode}: {args.users} users for {args.seconds:.0f} s")
        meter = observe.CpuMeter(server, os.path.join(pg.dir, "data"), {"redis": [redis.pid]} if redis else None)
        meter.start()
        if args.profile and mode == "load":
            profiles = profile.start(server, args.seconds, os.path.join(work, f"profile-w{workers}-think{think}"))
        stats = client.run(server.ports, args.users, args.seconds, data["users"], data["listing_ids"],
                           think, mix, during, ramp=2 * think if args.ramp is None else args.ramp)
        events["cpu"] = meter.stop(stats.duration)
        if disk:  # the workers are still up: their retry threads write what they kept in memory
            events["index_after_freeing_space"] = faults.wait_index_ok(lambda: check_index(env), 30)
    finally:
        server.stop()
    events["server_ms"] = observe.server_times(server.access_logs)
    if args.profile and mode == "load":
        events["profile"] = profile.summarize(profiles)
    result = {"mode": mode, "seconds": round(stats.duration, 1), "ramp": stats.ramp(), "users": args.users, "think_s": think,
              "listings": args.listings, "servers": servers, "pinned": args.pin, "redis": redis is not None,
              "round": round_, "workers": workers, "pages": stats.table(stats.duration),
              "posts_created": len(stats.posted), "posts_without_answer": stats.lost_answers,
              "lost_writes": lost_writes(pg.url, stats), "errors_sample": sorted({e[2] for e in stats.errors})[:12],
              "events": events}
    result["slowest"] = stats.slowest(10)
    if mode == "pg-restart":
        result["recovery"] = faults.recovery(stats, stats.started, events)
    if disk:
        if "exit 0" not in events["index_after_freeing_space"]:
            out = flask(env, "market", "reindex", check=False)  # the documented repair
            result["reindex"] = (out.stdout + out.stderr).strip()
            result["index_after_reindex"] = check_index(env)
        disk.close()
    else:
        result["check_index"] = check_index(env)
    return result


def markdown(result: dict) -> str:
    servers = f"{result['servers']} servers ({result['workers']} workers in all)" if result["servers"] > 1 else (
        f"{result['workers']} workers")
    lines = [f"### {result['mode']}: {result['listings']:,} listings, {result['users']} users, "
             f"{result['seconds']} s, {servers}, think {result['think_s']} s"
             f"{', pinned' if result['pinned'] else ''}{', Redis' if result['redis'] else ''}"
             f"{', round ' + str(result['round']) if result['round'] > 1 else ''}", "",
             "| page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | 5xx | errors |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in result["pages"]:
        lines.append(f"| {r['page']} | {r['requests']} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} "
                     f"| {r['max_ms']} | {r['5xx']} | {r['errors']} |")
    total = sum(r["requests"] for r in result["pages"])
    lines += ["", f"Total {total} requests ({total / result['seconds']:.1f} req/s); posts created "
                  f"{result['posts_created']}, lost writes {result['lost_writes']}, posts without an answer "
                  f"{result['posts_without_answer']}."]
    for key in ("ramp", "slowest", "events", "recovery", "check_index", "reindex",
                "index_after_reindex"):
        if result.get(key) is not None:
            lines.append(f"{key}: {result[key]}")
    if result["errors_sample"]:
        lines.append(f"errors (sample): {result['errors_sample']}")
    return "\n".join(lines)


def compare_servers(results: list[dict]) -> str:
    """Requests/s of each number of servers against one server, same pause and workers per server
    (the median over the rounds), with how busy the machine was and the requests served per CPU
    second of the app workers: on a shared machine the CPU the servers get varies from run to run;
    that second figure says whether adding a server costs efficiency (Redis, locks, the database)."""
    groups = {}
    for r in results:
        if r["mode"] == "load":
            requests = sum(p["requests"] for p in r["pages"])
            cpu = r["events"]["cpu"]
            groups.setdefault((r["think_s"], r["workers"] // r["servers"]), {}).setdefault(r["servers"], []).append(
                (requests / r["seconds"], cpu["machine_busy_pct"] or 0, requests / max(cpu["workers_cpu_s"], 0.1)))
    lines = ["### servers compared", "",
             "| pause (s) | workers per server | servers | req/s (rounds) | machine busy % | against one server "
             "| req per worker CPU-s | against one server |", "|---:|---:|---:|---|---:|---:|---:|---:|"]
    for (think, workers), by_count in sorted(groups.items()):
        one = [statistics.median(run[i] for run in by_count[1]) if 1 in by_count else None for i in (0, 2)]
        for count, runs in sorted(by_count.items()):
            rate, busy, per_cpu = (statistics.median(run[i] for run in runs) for i in range(3))
            rounds = ", ".join(f"{run[0]:.1f}" for run in runs)
            ratio = [f"{value / base:.2f}×" if base else "—" for value, base in ((rate, one[0]), (per_cpu, one[1]))]
            lines.append(f"| {think} | {workers} | {count} | {rate:.1f} ({rounds}) | {busy:.0f} | {ratio[0]} "
                         f"| {per_cpu:.1f} | {ratio[1]} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    modes = args.mode or ["load"]
    work = tempfile.mkdtemp(prefix="market-load-")
    pg = Postgres()
    servers = args.servers or [1]
    redis = Redis(work) if max(servers) > 1 else None
    results = []
    try:
        env = app_env(pg.url, work, redis.url if redis else None)
        flask(env, "db", "upgrade")
        started = time.monotonic()
        data = seed.seed(pg.url, args.listings)
        log(f"seeded {args.listings:,} listings in {time.monotonic() - started:.1f} s")
        if not args.no_reindex and has_command(env, "reindex"):
            started = time.monotonic()
            out = flask(env, "market", "reindex", "--wait", "600", check=False)
            log(f"reindex in {time.monotonic() - started:.1f} s: {(out.stdout + out.stderr).strip()[-200:]}")
        else:
            log("no search index: search answers from SQL")
        if has_command(env, "match-terms"):  # as after any load behind the ORM (scripts/run, production steps)
            started = time.monotonic()
            flask(env, "market", "match-terms", check=False)
            log(f"analysed words stored in {time.monotonic() - started:.1f} s")
        thinks, counts = args.think or [0.0], args.workers or [None]
        runs = [(m, t, w, n, r) for m in modes for r in (range(1, args.rounds + 1) if m == "load" else [1])
                for t in (thinks if m == "load" else thinks[:1])
                for w in (counts if m == "load" else counts[:1]) for n in (servers if m == "load" else servers[:1])]
        for mode, think, workers, count, round_ in runs:
            result = run_mode(mode, args, env, pg, data, work, think, workers, count, redis, round_)
            results.append(result)
            print(markdown(result) + "\n", flush=True)
        if len(servers) > 1:
            print(compare_servers(results), flush=True)
    finally:
        pg.stop()
        if redis:
            redis.stop()
    os.makedirs(RESULTS, exist_ok=True)
    path = os.path.join(RESULTS, f"load-{args.listings}-{int(time.time())}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, ensure_ascii=False)
    log(f"results in {path}; logs in {work}")
    bad = any(r["lost_writes"] or sum(p["5xx"] for p in r["pages"]) for r in results if r["mode"] == "load")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
