"""Start and stop what the benchmark runs against: a throwaway PostgreSQL and Redis, gunicorn, `flask` commands."""
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from bench.load.observe import ACCESS_FORMAT

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
VENV_BIN = os.path.join(ROOT, ".venv", "bin")


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """scripts/pg-throwaway: a disposable cluster on 127.0.0.1 (fsync off, data deleted at stop)."""

    def __init__(self):
        out = subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway")], check=True, capture_output=True,
                             text=True).stdout
        values = dict(line.replace("export ", "", 1).split("=", 1) for line in out.splitlines() if "=" in line)
        self.url = values["MARKET_TEST_POSTGRES_URL"].strip("'")
        self.dir = values["PG_THROWAWAY_DIR"].strip("'")
        bindirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
        self.pg_ctl = os.path.join(os.environ.get("PG_BINDIR") or bindirs[-1], "pg_ctl")
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.environ.get("BENCH_PEAKMEM_PG_DIRS"):  # bench/peakmem.py watches this cluster's memory too
            with open(os.environ["BENCH_PEAKMEM_PG_DIRS"], "a", encoding="utf-8") as fh:
                fh.write(self.dir + "\n")

    def restart(self) -> float:
        """Stop (fast: connections are cut) and start again; returns the seconds it took."""
        started = time.monotonic()
        subprocess.run([*self.as_pg, self.pg_ctl, "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-m", "fast",
                        "-w", "-t", "60", "restart"], check=True, capture_output=True)
        return time.monotonic() - started

    def stop(self) -> None:
        subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "stop", self.dir], capture_output=True)


def flask(env: dict, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([os.path.join(VENV_BIN, "flask"), "--app", "wsgi", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=check)


def has_command(env: dict, name: str) -> bool:
    return name in flask(env, "market", "--help", check=False).stdout


class Gunicorn:
    """`gunicorn APP -w N` on 127.0.0.1 from `tree` (its gunicorn.conf.py, so its warm-up, unless `cwd`
    is elsewhere and `warm` False); its workers can be killed one by one.

    `wait=False` returns at once: call `wait_ready()` (several servers then boot side by side).
    """

    def __init__(self, env: dict, workers: int | None, port: int, log_path: str, wait: bool = True,
                 cpus: set[int] | None = None, *, app: str = "wsgi:app", tree: str = ROOT, cwd: str | None = None,
                 warm: bool = True, access: bool = True, timeout: int = 60):
        self.port, self.log_path, self.warm, self.expected = port, log_path, warm, workers
        self.log = open(log_path, "ab")
        count = ["-w", str(workers)] if workers else []  # else gunicorn.conf.py's
        self.access_log = log_path.rsplit(".", 1)[0] + ".access"
        logs = ["--access-logfile", self.access_log, "--access-logformat", ACCESS_FORMAT] if access else []
        self.proc = subprocess.Popen([os.path.join(VENV_BIN, "gunicorn"), app, *count, "--pythonpath", tree, *logs,
                                      "-b", f"127.0.0.1:{port}", "--timeout", str(timeout), "--graceful-timeout", "10"],
                                     cwd=cwd or tree, env=env, stdout=self.log, stderr=self.log,
                                     preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None)
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=10) as response:
                    if response.status == 200 and (not self.warm or self._all_warmed()):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn not ready after {timeout} s; see {self.log_path}")

    def _all_warmed(self) -> bool:
        """Every worker logged the end of its warm-up (gunicorn.conf.py), so none warms during the run."""
        self.log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        return text.count("worker warmed in") + text.count("warm-up failed") >= (self.expected or len(self.workers()))

    def workers(self) -> list[int]:
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children", encoding="ascii") as fh:
                return [int(pid) for pid in fh.read().split()]
        except FileNotFoundError:
            return []

    def kill_one_worker(self) -> int:
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        self.terminate()
        self.wait_stopped()

    def terminate(self) -> None:
        """Ask it to stop (a graceful stop takes a few seconds: several servers stop side by side)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)

    def wait_stopped(self) -> None:
        if self.proc.returncode is None:
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Cluster:
    """Several app servers as one site (`count` gunicorns, booted side by side); one when count is 1.

    `pin`: server n runs on CPU n only (its workers inherit it), as if each server had a machine
    of one core; PostgreSQL, Redis and the client still run anywhere.
    """

    def __init__(self, env: dict, count: int, workers: int | None, log_prefix: str, pin: bool = False):
        cores = sorted(os.sched_getaffinity(0))
        self.servers = []
        try:
            for n in range(count):
                path = f"{log_prefix}.log" if count == 1 else f"{log_prefix}-server{n + 1}.log"
                cpus = {cores[n % len(cores)]} if pin else None
                self.servers.append(Gunicorn(env, workers, free_port(), path, wait=False, cpus=cpus))
            for server in self.servers:
                server.wait_ready()
        except BaseException:
            self.stop()
            raise

    @property
    def ports(self) -> list[int]:
        return [s.port for s in self.servers]

    @property
    def access_logs(self) -> list[str]:
        return [s.access_log for s in self.servers]

    def workers(self) -> list[int]:
        return [pid for s in self.servers for pid in s.workers()]

    def kill_one_worker(self) -> int:
        return self.servers[0].kill_one_worker()

    def stop(self) -> None:
        for server in self.servers:
            server.terminate()
        for server in self.servers:
            server.wait_stopped()


class Redis:
    """A throwaway redis-server on a free 127.0.0.1 port, nothing saved: the caches and limits of several servers."""

    def __init__(self, folder: str):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed (scripts/setup --test installs it)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", folder],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("redis-server did not answer PING") from None
                time.sleep(0.05)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
