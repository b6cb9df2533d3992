"""Scratch apps for races: a file SQLite database and a database of its own on PostgreSQL, migrated to head."""
import threading
import uuid

import pytest
import sqlalchemy as sa

from market import create_app
from market.config import TestConfig
from market.extensions import db


def _scratch_app(url, tmp_path):
    from flask_migrate import upgrade
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url, "MAIL_OUTBOX": str(tmp_path / "outbox"),
                      "SEARCH_INDEX_DIR": str(tmp_path / "index")})
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger-race")
    app = _scratch_app(f"sqlite:///{path / 'race.sqlite'}", path)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def postgres_app(postgres_url, tmp_path_factory):
    name = f"market_ledger_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    app = _scratch_app(url, tmp_path_factory.mktemp("pg-ledger-race"))
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


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
