"""Pages/s of the site's pages under gunicorn (2 workers) against a bare Flask page of 20 items
rendered by Jinja, measured in the same run (not a CI test).

    .venv/bin/python bench/pages.py                        # demo data on SQLite
    .venv/bin/python bench/pages.py --listings 100000      # 100,000 listings on a throwaway PostgreSQL
    .venv/bin/python bench/pages.py --baseline main        # + the same pages served by `main`, same run
    .venv/bin/python bench/pages.py --profile              # + py-spy on this tree's workers, per page

Target (issue 15): each page (home, browse, search, listing) serves at least 0.25 of the bare
page's requests per second. The machine is shared: every figure is a ratio to the bare page
measured in the same round, and each round measures every page once, one after the other
(the median of the rounds is reported). With --baseline the pages of both trees are first
fetched and compared (csrf tokens aside): what users see must not change.
Results: bench/results/pages-<listings>-<time>.json.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from bench.load import observe, profile  # noqa: E402
from bench.load.seed import CATEGORIES, KINDS, words  # noqa: E402
from bench.load.server import ROOT, log  # noqa: E402
from bench.pagebench import hammer  # noqa: E402
from bench.pagebench.sites import Data, Server, export_tree  # noqa: E402

PAGES = ("home", "browse", "search", "listing")
CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+')


def paths(data: Data, listings: int) -> dict[str, list[str]]:
    """The addresses each page is asked for (the same in every tree and round)."""
    import random
    rnd = random.Random(15)
    last_page = max(1, min(20, (listings or 60) // 20))
    browse = []
    for _ in range(60):
        args = {"page": rnd.randint(1, last_page)} if rnd.random() < 0.7 else {}
        if rnd.random() < 0.3:
            args["category"] = rnd.choice(CATEGORIES)
        if rnd.random() < 0.2:
            args["kind"] = rnd.choice(KINDS)
        browse.append("/annonces/" + (f"?{urlencode(args)}" if args else ""))
    search = [f"/annonces/?{urlencode({'q': w})}" for w in words()]
    search += [f"/annonces/?{urlencode({'q': w, 'category': c})}" for w, c in zip(words()[:6], CATEGORIES * 2)]
    listing = [f"/annonces/{i}" for i in data.public_ids(300 if listings else 60)]
    return {"home": ["/"], "browse": browse, "search": search, "listing": listing}


def compare(servers: list[Server], urls: dict) -> dict:
    """Fetch every address from each tree; the pages must be the same (csrf tokens aside)."""
    out, folder = {}, tempfile.mkdtemp(prefix="pages-diff-")
    for page, addresses in urls.items():
        same, differing = 0, []
        for path in addresses:
            bodies = []
            for server in servers:
                status, text = server.get(path)
                bodies.append((status, CSRF.sub(r"\1…", text)))
            if all(b == bodies[0] for b in bodies):
                same += 1
            else:
                differing.append(path)
                name = re.sub(r"[^a-z0-9]+", "-", path)
                for server, (status, text) in zip(servers, bodies):
                    with open(os.path.join(folder, f"{name}.{server.name}.html"), "w", encoding="utf-8") as fh:
                        fh.write(f"<!-- {status} -->\n{text}")
        out[page] = {"same": same, "differing": differing[:5], "count_differing": len(differing)}
    log(f"compared pages: {out} (differences in {folder})")
    return out


PG_DATA = None  # the throwaway PostgreSQL's data folder, when there is one: its CPU per request too


def _window(server: Server, paths: list[str], seconds: float) -> dict:
    """Requests/s for `seconds`, and the workers' CPU time per request (steadier on a shared machine),
    and PostgreSQL's (on the same cores: it counts in the requests/s, not in the workers' CPU)."""
    pids = server.worker_pids()
    pg = observe._postgres_pids(PG_DATA) if PG_DATA else []
    before = [sum(observe._ticks(pid) for pid in group) for group in (pids, pg)]
    got = hammer.run(server.port, paths, seconds)
    cpu, pg_cpu = ((sum(observe._ticks(pid) for pid in group) - b) / observe.TICK
                   for group, b in zip((pids, observe._postgres_pids(PG_DATA) if PG_DATA else []), before))
    got["cpu_ms"] = round(1000 * cpu / max(got["ok"], 1), 3)
    got["pg_cpu_ms"] = round(1000 * pg_cpu / max(got["ok"], 1), 3)
    return got


def measure(bare: Server, servers: list[Server], urls: dict, rounds: int, seconds: float) -> dict:
    """Each page between two windows of the bare page: its ratio is to their mean."""
    rows = {f"{s.name}/{p}": [] for s in servers for p in PAGES}
    rows["bare"] = []
    for n in range(rounds):
        previous = _window(bare, ["/"], seconds / 2)
        rows["bare"].append(previous)
        for server in servers:
            for page in PAGES:
                got = _window(server, urls[page], seconds)
                after = _window(bare, ["/"], seconds / 2)
                rows["bare"].append(after)
                bare_rps = (previous["rps"] + after["rps"]) / 2
                bare_cpu = (previous["cpu_ms"] + after["cpu_ms"]) / 2
                got["ratio"] = round(got["rps"] / bare_rps, 3)
                got["cpu_ratio"] = round(bare_cpu / max(got["cpu_ms"], 1e-6), 3)
                rows[f"{server.name}/{page}"].append(got)
                previous = after
        log(f"round {n + 1}: " + ", ".join(f"{k} {v[-1]['rps']} ({v[-1].get('ratio', 1)})" for k, v in rows.items()))
    out = {}
    for key, runs in rows.items():
        out[key] = {"rps": statistics.median(r["rps"] for r in runs),
                    "cpu_ms": statistics.median(r["cpu_ms"] for r in runs),
                    "pg_cpu_ms": statistics.median(r["pg_cpu_ms"] for r in runs),
                    "ratio": statistics.median(r["ratio"] for r in runs) if key != "bare" else 1.0,
                    "cpu_ratio": statistics.median(r["cpu_ratio"] for r in runs) if key != "bare" else 1.0,
                    "errors": sum(r["errors"] for r in runs), "rounds": runs}
    return out


def profile_pages(server: Server, urls: dict, seconds: float) -> dict:
    out = {}
    for page in PAGES:
        running = profile.start(type("G", (), {"workers": server.worker_pids})(), seconds,
                                os.path.join(tempfile.gettempdir(), f"pages-profile-{page}"))
        time.sleep(0.5)
        hammer.run(server.port, urls[page], seconds - 1)
        out[page] = profile.summarize(running, top=30)
    return out


def table(summary: dict, servers: list[Server]) -> str:
    """req/s (ratio to the bare page in the same run; in brackets the same from the workers' CPU per request)."""
    lines = ["| page | " + " | ".join(f"{s.name}: req/s, ratio (CPU ratio), PostgreSQL ms/req" for s in servers)
             + " |", "|---|" + "---:|" * len(servers)]
    for page in PAGES:
        cells = [f"{r['rps']:.0f}, {r['ratio']:.2f} ({r['cpu_ratio']:.2f}), {r['pg_cpu_ms']:.2f}"
                 for r in (summary[f"{s.name}/{page}"] for s in servers)]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    bare = summary["bare"]
    lines.append(f"| bare page | {bare['rps']:.0f} req/s, {bare['cpu_ms']} ms CPU |" + " |" * (len(servers) - 1))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--listings", type=int, default=0, help="0: the demo data on SQLite; N: N listings on PostgreSQL")
    parser.add_argument("--baseline", metavar="GIT_REF", help="also serve this ref (e.g. main) and compare")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0, help="per page and round")
    parser.add_argument("--profile", action="store_true", help="py-spy on this tree's workers, page by page")
    args = parser.parse_args(argv)
    work = tempfile.mkdtemp(prefix="market-pages-")
    data = Data(args.listings, work)
    global PG_DATA
    PG_DATA = os.path.join(data.pg.dir, "data") if data.pg else None
    servers, bare = [], None
    try:
        bare = Server("bare", ROOT, data.env, app="bench.pagebench.bare:app", conf=False)
        if args.baseline:
            servers.append(Server(args.baseline, export_tree(args.baseline), data.env))
        servers.append(Server("this-tree", ROOT, data.env))
        urls = paths(data, args.listings)
        result = {"listings": args.listings or "demo", "seconds": args.seconds, "load_before": os.getloadavg()}
        result["compared"] = compare(servers, urls)  # also warms every page once
        result["pages"] = measure(bare, servers, urls, args.rounds, args.seconds)
        if args.profile:
            result["profile"] = profile_pages(servers[-1], urls, max(args.seconds, 10))
        result["load_after"] = os.getloadavg()
    finally:
        for server in [bare, *servers]:
            if server:
                server.stop()
        data.stop()
        shutil.rmtree(work, ignore_errors=True)  # the search index: ~680 MB at a million listings
    print(table(result["pages"], servers))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", f"pages-{args.listings}-{int(time.time())}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2, ensure_ascii=False)
    log(f"results in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
