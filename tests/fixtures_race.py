"""Scratch apps for races: simultaneous writers on a file SQLite database and on PostgreSQL.

`race_app` runs a test on both (a database of its own on the PostgreSQL server, migrated to
head); each worker thread opens its own `app.test_request_context()` and session.
"""
import gc
import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from market import create_app
from market.config import TestConfig
from market.extensions import db


def scratch_app(url, tmp_path):
    from flask_migrate import upgrade
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url, "MAIL_OUTBOX": str(tmp_path / "outbox"),
                      "SEARCH_INDEX_DIR": str(tmp_path / "index"),
                      "UPLOADS_DIR": str(tmp_path / "uploads")})
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("concurrency")
    app = scratch_app(f"sqlite:///{path / 'race.sqlite'}", path)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def postgres_app(postgres_url, tmp_path_factory):
    """A database of its own on the PostgreSQL server (the role may CREATE DATABASE)."""
    name = f"market_race_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
        app = scratch_app(url, tmp_path_factory.mktemp("pg-concurrency"))
        yield app
        with app.app_context():
            db.engine.dispose()
        drop_database(admin, name)
    finally:
        admin.dispose()


def drop_database(admin, name, attempts=50):
    """Drop a scratch database once its last connection is gone.

    Not `WITH (FORCE)`: it must terminate every backend on the database, an autovacuum worker
    included, which a role without pg_signal_backend may not do (CI failed on it). A plain DROP
    stops autovacuum by itself; a connection a worker thread left behind closes when collected.
    """
    for _ in range(attempts):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            return
        except sa.exc.OperationalError as exc:
            if "being accessed by other users" not in str(exc):
                raise
            gc.collect()
            time.sleep(0.1)
    raise RuntimeError(f"the scratch database {name} is still in use")


@pytest.fixture(params=["sqlite", "postgresql"])
def race_app(request):
    app = request.getfixturevalue("sqlite_app" if request.param == "sqlite" else "postgres_app")
    yield app
    with app.app_context():
        from tests.conftest import _delete_all_rows
        _delete_all_rows()
        db.session.remove()


def run_threads(target, args_list, timeout=60):
    """Run target(*args) in one thread each, all at once; return the exceptions they did not handle."""
    errors = []

    def wrapped(*args):
        try:
            target(*args)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))
    threads = [threading.Thread(target=wrapped, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
    return errors
