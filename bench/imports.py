"""Listings/s and peak memory of `flask market import listings FILE.csv` on a generated file of N rows,
for this tree and, in the same run, another one (a git ref: the code before a change).

    .venv/bin/python bench/imports.py --rows 20000 --rows 100000
    .venv/bin/python bench/imports.py --rows 20000 --rows 100000 --baseline main   # before/after, same run
    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://... .venv/bin/python bench/imports.py --rows 100000
    MARKET_BENCH_DATABASE_URL=postgresql+psycopg://... MARKET_SEARCH_BACKEND=postgres .venv/bin/python bench/imports.py

Each import runs in a process of its own (its peak resident memory is the import's; PostgreSQL's
CPU for the import, when the server runs on this machine: server_cpu_seconds), in a fresh
SQLite file (or the PostgreSQL database given, emptied first) with 20 organisations, a coordinator
and an existing search index on disk: the time counts reading, checking, writing the listings,
queuing their alerts and writing them to the index after the commit, as a coordinator waits for it.
With MARKET_SEARCH_BACKEND=postgres there is no index to write (the database's search vectors are
computed as the rows are written): "indexed" counts the listings with a search vector.
Results: bench/results/imports-<time>.json.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
HEADER = ("organization;kind;category;title;description;commune;postal_code;terms;price_eur;quantity;"
          "available_from;available_until;urgent;tags\n")


def write_csv(path: str, n: int, orgs: list[str]) -> None:
    """Rows as coordinators send them: most without a commune (the organisation's), some with one,
    some rented with a price; every title different."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(n):
            place = "Cusset;03300" if i % 10 == 0 else ";"
            terms = "location;12,50" if i % 7 == 0 else "prêt;"
            fh.write(f"{orgs[i % len(orgs)]};offre;matériel;Objet numéro {i};Un objet prêté, en bon état, "
                     f"à venir chercher.;{place};{terms};1;;;;outil; prêt\n")


def network(work: str, url: str | None = None):
    """(app, organisation names): this tree's app on a fresh database (SQLite in `work`, or `url` emptied)
    with a coordinator, 20 organisations and, with whoosh, its index in `work` already built. Also used by
    bench/searchmem.py."""
    import logging
    from market import create_app
    from market.config import TestConfig
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    cfg.update(SQLALCHEMY_DATABASE_URI=url or f"sqlite:///{work}/market.sqlite", MAIL_OUTBOX=f"{work}/outbox",
               SEARCH_STORAGE="file", SEARCH_INDEX_DIR=f"{work}/index", SEARCH_REBUILD_MODE="off",
               SEARCH_BACKEND=os.environ.get("MARKET_SEARCH_BACKEND") or "whoosh")
    app = create_app(cfg)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with app.app_context():
        from flask_migrate import upgrade
        from market.extensions import db
        from tests.factories import make_coordinator, make_org
        if url:
            db.session.execute(db.text("DROP SCHEMA public CASCADE"))  # tables, and the search functions too
            db.session.execute(db.text("CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        make_coordinator()
        orgs = [make_org(name=f"Structure {k}").name for k in range(20)]
        db.session.commit()
        if app.extensions["search"].backend == "whoosh":
            app.extensions["search"].rebuild()  # the network's index exists: the import writes to it
    return app, orgs


def child(tree: str, n: int, url: str | None) -> dict:
    """In a process of its own: set up the network, import the file through the command, measure."""
    import resource
    sys.path.insert(0, tree)
    os.chdir(tree)
    work = tempfile.mkdtemp(prefix="market-imports-")
    app, orgs = network(work, url)
    with app.app_context():
        from market.extensions import db
        from market.listings.models import Listing
        index = app.extensions["search"]
        whoosh = index.backend == "whoosh"
        path = os.path.join(work, "listings.csv")
        write_csv(path, n, orgs)
        indexing = []
        if whoosh:
            record = index.record

            def timed_record(changes):  # the index written after the commit: timed apart
                began = time.perf_counter()
                record(changes)
                indexing.append(time.perf_counter() - began)
            index.record = timed_record
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        server_before = server_cpu(db) if url else {}
        cpu, started = time.process_time(), time.perf_counter()
        result = app.test_cli_runner().invoke(args=["market", "import", "listings", path], catch_exceptions=False)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        server = server_cpu(db) if url else {}
        assert result.exit_code == 0, result.output[-2000:]
        count = db.session.scalar(db.select(db.func.count(Listing.id)))
        if whoosh:
            with index.store.open_current().searcher() as searcher:
                indexed = searcher.doc_count()
        else:
            indexed = db.session.scalar(db.text("SELECT count(*) FROM listings WHERE search_vector IS NOT NULL"))
    file_mib = round(os.path.getsize(path) / 2**20, 1)
    shutil.rmtree(work, ignore_errors=True)  # the file and the index: ~440 MB at a million rows
    return {"rows": n, "seconds": round(elapsed, 1), "listings_per_s": round(n / elapsed),
            "index_seconds": round(sum(indexing), 1), "cpu_seconds": round(cpu, 1),
            "peak_rss_mib": round(peak), "rss_before_import_mib": round(rss_before),
            "file_mib": file_mib, "listings": count, "indexed": indexed,
            "server_cpu_seconds": round(sum(t - server_before.get(pid, 0) for pid, t in server.items()), 1)
            if url else None, "database": "postgresql" if url else "sqlite", "search": index.backend}


def server_cpu(db) -> dict:
    """CPU seconds of each PostgreSQL backend serving this database (a server on this machine: its
    processes read in /proc); the import's connections are still in the pool when it ends."""
    pids = db.session.scalars(db.text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
    db.session.commit()
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:  # another machine's server, or a connection gone
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return found


def export_tree(ref: str) -> str:
    folder = tempfile.mkdtemp(prefix=f"market-{ref.replace('/', '-')}-")
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
    return folder


def run(tree: str, n: int, timeout: float) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "--child", tree, "--rows", str(n)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env={**os.environ,
                             "PYTHONWARNINGS": "ignore"})
    except subprocess.TimeoutExpired:
        return {"rows": n, "error": f"did not finish in {timeout:.0f} s"}
    if out.returncode:
        return {"rows": n, "error": out.stderr.strip().splitlines()[-1:] or out.returncode}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, action="append")
    parser.add_argument("--baseline", metavar="GIT_REF", help="also import with this ref's code (e.g. main)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before an import is given up")
    parser.add_argument("--child", metavar="TREE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    url = os.environ.get("MARKET_BENCH_DATABASE_URL")
    if args.child:
        print(json.dumps(child(args.child, args.rows[0], url)), flush=True)
        return 0
    trees = [("this tree", ROOT)] + ([(args.baseline, export_tree(args.baseline))] if args.baseline else [])
    results = []
    for n in args.rows or [20000]:
        for name, tree in trees:  # one after the other, same sizes: the machine is shared
            got = {"tree": name, **run(tree, n, args.timeout), "load": os.getloadavg()[0]}
            print(json.dumps(got), flush=True)
            results.append(got)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", f"imports-{int(time.time())}.json"), "w") as fh:
        json.dump(results, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
