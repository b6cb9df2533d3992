"""Faults injected while the virtual users run, and what to read in the results afterwards."""
import os
import shutil
import subprocess
import time

from bench.load.server import log


def at(started: float, seconds: float) -> None:
    time.sleep(max(0.0, started + seconds - time.monotonic()))


def kill_worker(gunicorn, when: float, events: dict):
    """SIGKILL one gunicorn worker in the middle of the run; the master starts another."""
    def during(stats, started):
        at(started, when)
        events["killed_pid"] = gunicorn.kill_one_worker()
        events["killed_at"] = time.monotonic() - started
        log(f"killed worker {events['killed_pid']} at {events['killed_at']:.1f} s")
        for _ in range(200):
            if len(gunicorn.workers()) >= events["workers"] and events["killed_pid"] not in gunicorn.workers():
                events["respawned_after_s"] = round(time.monotonic() - started - events["killed_at"], 2)
                break
            time.sleep(0.05)
    return during


def restart_postgres(pg, when: float, events: dict):
    def during(stats, started):
        at(started, when)
        events["restart_at"] = time.monotonic() - started
        events["restart_took_s"] = round(pg.restart(), 2)
        log(f"PostgreSQL restarted at {events['restart_at']:.1f} s in {events['restart_took_s']} s")
    return during


def recovery(stats, started_at: float, events: dict) -> dict:
    """After the restart: first success, failures after it, 5xx that were pages, hangs."""
    ok_after = sorted(t for samples in stats.samples.values() for t, _, st in samples
                      if st < 500 and t - stats.started >= events["restart_at"])
    end = events["restart_at"] + events["restart_took_s"]
    late = [e for e in stats.errors if e[0] - stats.started > end + 5]
    pages = [e for e in stats.errors if "(error page)" in e[2]]
    bare = [e for e in stats.errors if e[2].startswith("HTTP 5") and "(error page)" not in e[2]]
    slow = sum(1 for samples in stats.samples.values() for _, s, _ in samples if s > 10)
    return {"first_success_after_restart_s": round(ok_after[0] - stats.started - events["restart_at"], 2) if ok_after else None,
            "errors_later_than_5s_after_restart": len(late), "5xx_with_error_page": len(pages),
            "5xx_without_page": len(bare), "requests_over_10s": slow,
            "transport_errors": sum(1 for e in stats.errors if not e[2].startswith("HTTP"))}


def free_disk(disk, env_check, when: float, events: dict):
    """Posts go on while the index folder is full; at `when` s the space comes back (the app is not touched)."""
    def during(stats, started):
        at(started, when)
        events["index_when_full"] = env_check()
        disk.free()
        events["freed_at"] = round(time.monotonic() - started, 1)
        log(f"index disk freed at {events['freed_at']} s")
    return during


def wait_index_ok(check, seconds: float) -> str:
    """check-index until it passes or `seconds` pass; its last answer, with how long it took."""
    started = time.monotonic()
    while True:
        answer = check() or "exit ?: no check-index"
        if answer.startswith("exit 0") or time.monotonic() - started > seconds:
            return f"after {time.monotonic() - started:.1f} s: {answer}"
        time.sleep(1)


class FullDisk:
    """The index folder on a tmpfs (room for a rebuild) filled to the last byte (root only); `free()`, `close()`."""

    def __init__(self, source_dir: str, mount_dir: str):
        self.mount_dir, self.mounted = mount_dir, False
        size_kb = int(subprocess.run(["du", "-sk", source_dir], capture_output=True, text=True).stdout.split()[0])
        os.makedirs(mount_dir, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={3 * size_kb + 16384}k", "tmpfs", mount_dir],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"cannot mount a tmpfs here ({result.stderr.strip()})")
        self.mounted = True
        shutil.copytree(source_dir, mount_dir, dirs_exist_ok=True)
        self.filler = os.path.join(mount_dir, "FILLER")
        with open(self.filler, "wb") as fh:  # fill to ENOSPC
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        for step in (4096, 512, 1):  # the last bytes too
            try:
                with open(self.filler, "ab") as fh:
                    while True:
                        fh.write(b"\0" * step)
                        fh.flush()
            except OSError:
                pass

    def free(self) -> None:
        if os.path.exists(self.filler):
            os.remove(self.filler)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", self.mount_dir], capture_output=True)
            self.mounted = False
