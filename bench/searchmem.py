"""Memory a worker gains by searching a large whoosh index: this tree against another git ref, same data.

    .venv/bin/python bench/searchmem.py --rows 100000 --baseline main

Imports N generated listings (bench/imports.py's file) into a SQLite database and its file index
once, then, in a fresh process per tree and round (trees alternating), searches the site's search
page for ten words and browses five pages, `--rounds` times, through the test client: the same
requests a gunicorn worker serves. Reports the process's private memory (RssAnon) and the file
pages it touched (RssFile) before and after, and its CPU seconds.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
WORDS = ["chaises", "salle", "benevole", "sono", "jardin", "velo", "comptabilite", "tables", "reunion", "formation"]


def prepare(work: str, rows: int) -> None:
    """The database and index every tree then searches (imported by this tree's code)."""
    from bench.imports import network, write_csv
    app, orgs = network(work)
    write_csv(os.path.join(work, "listings.csv"), rows, orgs)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["market", "import", "listings", f"{work}/listings.csv"])
        assert result.exit_code == 0, result.output[-2000:]


def _memory() -> dict:
    out = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("RssAnon", "RssFile"):
                out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def child(tree: str, work: str, rounds: int) -> dict:
    sys.path.insert(0, tree)
    os.chdir(tree)
    os.environ.update(DATABASE_URL=f"sqlite:///{work}/market.sqlite", MARKET_SEARCH_INDEX_DIR=f"{work}/index")
    from wsgi import app
    client = app.test_client()
    before, cpu, began = _memory(), time.process_time(), time.perf_counter()
    for _round in range(rounds):
        for word in WORDS:
            assert client.get(f"/annonces/?q={word}").status_code == 200
        for page in range(1, 6):
            assert client.get(f"/annonces/?page={page}").status_code == 200
    after = _memory()
    return {"private_mib_before": before["RssAnon"], "private_mib_after": after["RssAnon"],
            "private_growth_mib": round(after["RssAnon"] - before["RssAnon"], 1),
            "file_pages_mib": after["RssFile"], "cpu_s": round(time.process_time() - cpu, 2),
            "wall_s": round(time.perf_counter() - began, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--rounds", type=int, default=15, help="rounds of searches in each process")
    parser.add_argument("--repeat", type=int, default=2, help="processes per tree (trees alternating)")
    parser.add_argument("--baseline", metavar="GIT_REF")
    parser.add_argument("--child", nargs=2, metavar=("TREE", "WORK"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", metavar="WORK", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child, args.rounds)), flush=True)
        return 0
    if args.prepare:
        prepare(args.prepare, args.rows)
        return 0
    from bench.imports import export_tree
    from bench.trees import alternate, table
    work = tempfile.mkdtemp(prefix="market-searchmem-")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, __file__, "--prepare", work, "--rows", str(args.rows)], check=True, env=env)
    trees = {"this tree": ROOT}
    if args.baseline:
        trees[args.baseline] = export_tree(args.baseline)
    results = alternate(trees, lambda tree: [__file__, "--child", tree, work, "--rounds", str(args.rounds)],
                        args.repeat)
    load = os.getloadavg()[0]
    print(f"{args.rows} listings, {args.rounds} rounds of {len(WORDS)} searches + 5 pages; load {load:.1f}")
    print(table(["code", "private memory before → after (growth), MiB", "file pages touched, MiB", "CPU s"],
                [[name, f"{r['private_mib_before']} → {r['private_mib_after']} (+{r['private_growth_mib']})",
                  r["file_pages_mib"], r["cpu_s"]] for name, runs in results.items() for r in runs]))
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", f"searchmem-{int(time.time())}.json"), "w") as fh:
        json.dump({"rows": args.rows, "load": load, "results": results}, fh, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    for name, tree in trees.items():
        if tree != ROOT:
            shutil.rmtree(tree, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
