"""What the server saw during a run: CPU per party (workers, PostgreSQL, the client) and server-side times."""
import os
import re
import statistics

TICK = os.sysconf("SC_CLK_TCK")
ACCESS_FORMAT = '%(m)s %(U)s?%(q)s %(s)s %(D)s'  # method, path?query, status, microseconds in the worker


def _ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    out = []
    for task in os.listdir(f"/proc/{pid}/task") if os.path.exists(f"/proc/{pid}/task") else []:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out += [int(p) for p in fh.read().split()]
        except FileNotFoundError:
            pass
    return out


def _machine() -> tuple[int, int]:
    with open("/proc/stat", encoding="ascii") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)  # busy (not idle/iowait), total


def _postgres_pids(data_dir: str) -> list[int]:
    try:
        with open(os.path.join(data_dir, "postmaster.pid"), encoding="ascii") as fh:
            main = int(fh.readline())
    except (FileNotFoundError, ValueError):
        return []
    return [main] + _children(main)


class CpuMeter:
    """CPU seconds used between start() and stop(): gunicorn workers, PostgreSQL, this client, the machine."""

    def __init__(self, gunicorn, pg_data_dir: str, others: dict | None = None):
        self.gunicorn, self.pg_data_dir, self.others = gunicorn, pg_data_dir, others or {}

    def _snapshot(self) -> dict:
        pids = {"workers": self.gunicorn.workers(), "postgres": _postgres_pids(self.pg_data_dir),
                "client": [os.getpid()], **self.others}
        return {"per": {name: {p: _ticks(p) for p in group} for name, group in pids.items()}, "machine": _machine()}

    def start(self):
        self.first = self._snapshot()

    def stop(self, seconds: float) -> dict:
        last = self._snapshot()
        out = {}
        for name, now in last["per"].items():
            before = self.first["per"][name]
            used = sum(t - before.get(p, 0) for p, t in now.items()) / TICK  # new pids count from zero
            out[f"{name}_cpu_s"] = round(used, 1)
        busy = last["machine"][0] - self.first["machine"][0]
        total = last["machine"][1] - self.first["machine"][1]
        out["machine_busy_pct"] = round(100 * busy / total, 1) if total else None
        out["seconds"] = round(seconds, 1)
        return out


LINE = re.compile(r"^(\w+) (\S+) (\d{3}) (\d+)$")


def page_of(method: str, target: str) -> str:
    path, _, query = target.partition("?")
    if path.startswith("/annonces/") and path.rstrip("/") == "/annonces":
        return "search" if "q=" in query else "browse"
    if re.fullmatch(r"/annonces/\d+", path):
        return "listing"
    if re.fullmatch(r"/annonces/\d+/correspondances", path):
        return "listing matches"
    if path == "/connexion":
        return "login" if method == "POST" else "login form"
    if path == "/annonces/nouvelle":
        return "post" if method == "POST" else "post form"
    return "other"


def server_times(access_logs: list[str]) -> dict:
    """Per page: p50/p95/max of the time spent inside a worker (the rest of a client's wait is queueing)."""
    times: dict[str, list[float]] = {}
    for access_log in access_logs:
        try:
            with open(access_log, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    m = LINE.match(line.strip())
                    if m:
                        times.setdefault(page_of(m[1], m[2]), []).append(int(m[4]) / 1000)
        except FileNotFoundError:
            continue
    out = {}
    for page, values in sorted(times.items()):
        values.sort()
        q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
        out[page] = {"p50_ms": round(q[49]), "p95_ms": round(q[94]), "max_ms": round(values[-1])}
    return out
