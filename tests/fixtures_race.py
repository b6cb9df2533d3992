"""Scratch apps for races: simultaneous writers on a file SQLite database and on PostgreSQL.

`race_app` runs a test on both (a database of its own on the PostgreSQL server, migrated to
head); each worker thread opens its own `app.test_request_context()` and session.
"""
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
                      "SEARCH_INDEX_DIR": str(tmp_path / "index")})
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
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    app = scratch_app(url, tmp_path_factory.mktemp("pg-concurrency"))
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
