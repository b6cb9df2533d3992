"""Peak memory per process of a benchmark: its process tree and its PostgreSQL servers, read from /proc.

    .venv/bin/python -m bench.peakmem --out peak.json [--pg-dir DIR] -- .venv/bin/python bench/search.py ...

Runs the command, reads /proc/<pid>/status of every process of its tree and of every PostgreSQL
cluster named (--pg-dir, or the ones bench/load/server.Postgres starts: they note their folder in
$BENCH_PEAKMEM_PG_DIRS) each `--every` seconds, and keeps per process the kernel's peak resident
set (VmHWM: shared pages touched included, e.g. PostgreSQL's shared_buffers) and the peak of its
private memory (RssAnon). Processes that live less than a tick are missed.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def _status(pid: int) -> dict:
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssShmem", "PPid"):
                out[key] = int(value.split()[0])
    return out


def _cmd(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as fh:
        return fh.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()[:160]


def _parents() -> dict[int, int]:
    out = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as fh:
                out[int(name)] = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return out


def _tree(root: int, parents: dict[int, int]) -> list[int]:
    found, frontier = [root], {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - set(found)
        found += sorted(frontier)
    return found


def _postmaster(pg_dir: str) -> int | None:
    try:
        with open(os.path.join(pg_dir, "data", "postmaster.pid"), encoding="ascii") as fh:
            return int(fh.readline())
    except (OSError, ValueError):
        return None


def _label(group: str, cmd: str) -> str:
    """A role rather than a pid: 'postgres: checkpointer', 'postgres: backend', 'gunicorn worker'..."""
    if group == "postgres":
        if not cmd.startswith("postgres:"):
            return "postgres: postmaster"
        role = cmd.split(":", 1)[1].strip()
        return "postgres: backend" if "127.0.0.1" in role or "[local]" in role else f"postgres: {role.split('  ')[0]}"
    if "gunicorn" in cmd:
        return "gunicorn (master or worker) " + cmd.split("gunicorn", 1)[1].split()[0]
    return cmd.split("/")[-1][:100]


def watch(proc: subprocess.Popen, pg_dirs: list[str], list_file: str, every: float) -> dict:
    peaks: dict[int, dict] = {}
    while True:
        done = proc.poll() is not None
        parents = _parents()
        dirs = set(pg_dirs)
        if os.path.exists(list_file):
            with open(list_file, encoding="utf-8") as fh:
                dirs |= {line.strip() for line in fh if line.strip()}
        groups = {"bench": _tree(proc.pid, parents) if not done else []}
        groups["postgres"] = [pid for d in dirs if (pm := _postmaster(d)) for pid in _tree(pm, parents)]
        for group, pids in groups.items():
            for pid in pids:
                try:
                    s, cmd = _status(pid), _cmd(pid)
                except OSError:
                    continue
                p = peaks.setdefault(pid, {"group": group, "cmd": cmd, "hwm_kib": 0, "anon_kib": 0})
                p["cmd"] = cmd or p["cmd"]
                p["hwm_kib"] = max(p["hwm_kib"], s.get("VmHWM", 0))
                p["anon_kib"] = max(p["anon_kib"], s.get("RssAnon", 0))
        if done:
            break
        time.sleep(every)
    roles: dict[str, dict] = {}
    for pid, p in peaks.items():
        r = roles.setdefault(_label(p["group"], p["cmd"]), {"processes": 0, "peak_rss_mib": 0, "peak_private_mib": 0,
                                                               "example": p["cmd"]})
        r["processes"] += 1
        if p["hwm_kib"] / 1024 > r["peak_rss_mib"]:
            r["peak_rss_mib"], r["example"] = round(p["hwm_kib"] / 1024), p["cmd"]
        r["peak_private_mib"] = max(r["peak_private_mib"], round(p["anon_kib"] / 1024))
    biggest = sorted(peaks.items(), key=lambda kv: -kv[1]["hwm_kib"])[:12]
    return {"returncode": proc.returncode, "roles": dict(sorted(roles.items(), key=lambda kv: -kv[1]["peak_rss_mib"])),
            "processes": [{"pid": pid, "cmd": p["cmd"], "peak_rss_mib": round(p["hwm_kib"] / 1024),
                           "peak_private_mib": round(p["anon_kib"] / 1024)} for pid, p in biggest]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--pg-dir", action="append", default=[], help="a scripts/pg-throwaway folder to watch too")
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    list_file = tempfile.mktemp(prefix="peakmem-pg-")
    started = time.time()
    proc = subprocess.Popen(command, env={**os.environ, "BENCH_PEAKMEM_PG_DIRS": list_file})
    try:
        result = watch(proc, args.pg_dir, list_file, args.every)
    except KeyboardInterrupt:
        proc.terminate()
        raise
    result.update(command=command, seconds=round(time.time() - started), load_end=os.getloadavg())
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=2)
    for role, r in result["roles"].items():
        print(f"peakmem: {role}: {r['processes']} process(es), peak RSS {r['peak_rss_mib']} MiB, "
              f"private {r['peak_private_mib']} MiB", file=sys.stderr)
    return result["returncode"]


if __name__ == "__main__":
    sys.exit(main())
