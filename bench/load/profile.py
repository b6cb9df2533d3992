"""Sample gunicorn workers with py-spy during a load run and sum the time per function (bench only)."""
import collections
import os
import shutil
import subprocess

from bench.load.server import VENV_BIN, log


def start(gunicorn, seconds: float, prefix: str) -> list:
    """One `py-spy record` per worker for the run; returns (process, output path) pairs."""
    spy = os.path.join(VENV_BIN, "py-spy") if os.path.exists(os.path.join(VENV_BIN, "py-spy")) else shutil.which("py-spy")
    if not spy:
        log("py-spy not found (pip install py-spy): no profile")
        return []
    running = []
    for pid in gunicorn.workers():
        path = f"{prefix}-{pid}.txt"
        proc = subprocess.Popen([spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
                                 "--duration", str(int(seconds)), "--nonblocking", "--output", path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        running.append((proc, path))
    return running


def _name(frame: str) -> str:
    """'function (path/file.py:line)' -> 'function (path/file.py)'."""
    function, _, where = frame.partition(" (")
    return f"{function} ({where.rpartition(':')[0] or where.rstrip(')')})"


def summarize(running: list, top: int = 25) -> dict:
    """Wait for the samplers; share of busy samples per function under the views (inclusive) and per leaf."""
    inclusive, leaves, total = collections.Counter(), collections.Counter(), 0
    for proc, path in running:
        proc.wait(timeout=120)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                stack, _, count = line.rstrip().rpartition(" ")
                frames = stack.split(";")
                if any("wait_for_request" in f or "select (selectors.py" in f or " sleep (" in f for f in frames[-2:]):
                    continue  # an idle worker waiting for a connection
                total += int(count)
                start = next((i + 1 for i, f in enumerate(frames) if f.startswith("Flask.dispatch_request")), 0)
                for name in {_name(f) for f in frames[start:]}:
                    inclusive[name] += int(count)
                leaves[_name(frames[-1])] += int(count)
    files = [path for _, path in running]
    log(f"profiles: {files}")
    share = lambda counter: [(name, round(100 * n / total, 1)) for name, n in counter.most_common(top)]  # noqa: E731
    return {"busy_samples": total, "files": files, "inclusive": share(inclusive) if total else [],
            "leaves": share(leaves) if total else []}
