"""What bench/pages.py serves: the data (demo on SQLite, or N listings on PostgreSQL), source trees
(this one and a git ref exported next to it), and gunicorn with 2 workers on each."""
import os
import secrets
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import sqlalchemy as sa

from bench.load.server import ROOT, VENV_BIN, Gunicorn, Postgres, free_port, log


def export_tree(ref: str) -> str:
    """The files of `ref` (e.g. main) in a temporary folder, translations compiled."""
    folder = tempfile.mkdtemp(prefix=f"market-{ref.replace('/', '-')}-")
    archive = subprocess.run(["git", "-C", ROOT, "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
    subprocess.run([os.path.join(VENV_BIN, "pybabel"), "-q", "compile", "-d", os.path.join(folder, "market", "translations")],
                   check=True, capture_output=True)
    return folder


class Data:
    """A database and its search index, filled once, read by every tree."""

    def __init__(self, listings: int, work: str):
        self.work, self.pg = work, None
        if listings:
            self.pg = Postgres()
            self.url = self.pg.url
        else:
            self.url = f"sqlite:///{work}/market.sqlite"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MARKET_")}
        self.env.update(DATABASE_URL=self.url, MARKET_SEARCH_INDEX_DIR=os.path.join(work, "index"),
                        MARKET_MAIL_OUTBOX=os.path.join(work, "outbox"), PYTHONWARNINGS="ignore",
                        MARKET_SECRET_KEY=secrets.token_hex(32), MARKET_ENV="development")
        self._flask("db", "upgrade")
        started = time.monotonic()
        if listings:
            from bench.load import seed
            seed.seed(self.url, listings)
        else:
            self._flask("market", "seed-demo")
        self._flask("market", "reindex")
        self._flask("market", "match-terms")  # as scripts/run and the production steps do after a load
        log(f"data ready in {time.monotonic() - started:.1f} s ({listings or 'demo'} listings)")

    def _flask(self, *args):
        subprocess.run([os.path.join(VENV_BIN, "flask"), "--app", "wsgi", *args], cwd=ROOT, env=self.env,
                       check=True, capture_output=True, text=True)

    def public_ids(self, n: int, seed: int = 15) -> list[int]:
        engine = sa.create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            ids = list(conn.scalars(sa.text("SELECT id FROM listings WHERE status = 'published' AND NOT hidden "
                                            "ORDER BY id")))
        engine.dispose()
        import random
        return random.Random(seed).sample(ids, min(n, len(ids)))

    def stop(self):
        if self.pg:
            self.pg.stop()


class Server(Gunicorn):
    """`gunicorn APP -w 2` from `tree` (its gunicorn.conf.py, so its warm-up), on a free port; the bare
    page runs from an empty folder (no gunicorn.conf.py: no warm-up)."""

    def __init__(self, name: str, tree: str, env: dict, app: str = "wsgi:app", workers: int = 2, conf: bool = True):
        self.name, port = name, free_port()
        super().__init__({**env, "MARKET_ENV": "production"}, workers, port,
                         os.path.join(tempfile.gettempdir(), f"pages-{name}-{port}.log"), wait=False, app=app,
                         tree=tree, cwd=None if conf else tempfile.mkdtemp(), warm=conf, access=False, timeout=120)
        self.wait_ready(900)  # a million listings: minutes of warm-up

    def worker_pids(self) -> list[int]:
        return self.workers()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
