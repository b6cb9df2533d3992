"""Shared fixtures: one app per session on a migrated database (SQLite file or PostgreSQL), clean rows per test."""
import os

import pytest
import sqlalchemy as sa
from flask import g, request_finished, request_started

from market import create_app
from market.config import TestConfig
from market.extensions import db

pytest_plugins = ["tests.fixtures_servers", "tests.fixtures_race", "tests.fixtures_search"]


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("MARKET_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'market-test.sqlite'}"


def _reset_schema(url: str) -> None:
    """Start from an empty database so that the migrations build the whole schema."""
    if not url.startswith("postgresql"):
        return
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    from flask_migrate import upgrade
    _reset_schema(database_url)
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()},
                      "SQLALCHEMY_DATABASE_URI": database_url,
                      "MAIL_OUTBOX": str(instance / "outbox"),
                      "SEARCH_INDEX_DIR": str(instance / "index"),
                      # postgres: the whole suite on PostgreSQL's search (tests/search runs both anyway)
                      "SEARCH_BACKEND": os.environ.get("MARKET_TEST_SEARCH_BACKEND", "whoosh"),
                      "UPLOADS_DIR": str(instance / "uploads")})
    with app.app_context():
        upgrade()
    # Tests keep one app context (and so one `g`) across requests: forget Flask-Login's cached
    # user around each request, or a second client would be served as the first one's user.
    request_started.connect(_forget_login_user, app)
    request_finished.connect(_forget_login_user, app)
    yield app
    with app.app_context():
        db.engine.dispose()


def _forget_login_user(sender, **extra):
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)  # the chosen language too, as a fresh request context would


@pytest.fixture(autouse=True)
def _app_context(request, app):
    if "no_app_context" in request.keywords:
        yield
        return
    with app.app_context():
        yield
        db.session.rollback()
        _delete_all_rows()
        db.session.remove()
        # rows were deleted behind the ORM: the RAM search index starts empty again too, and the caches
        app.extensions["search"].reset()
        app.extensions["cache"].clear()


def _delete_all_rows():
    with db.engine.begin() as conn:
        existing = set(sa.inspect(conn).get_table_names())
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name in existing]
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def outbox(app):
    """The .eml files written in development mode, parsed, oldest first."""
    from tests.factories import read_outbox
    folder = app.config["MAIL_OUTBOX"]
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
    return lambda: read_outbox(folder)
