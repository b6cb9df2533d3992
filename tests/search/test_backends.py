"""Choosing the search backend (MARKET_SEARCH_BACKEND) and the commands that look after it."""
import pytest

from market import create_app
from market.config import TestConfig
from tests.factories import make_listing, make_org, make_user


def _config(**overrides):
    return {**{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}, **overrides}


@pytest.mark.no_app_context
def test_postgres_search_is_refused_on_sqlite_with_a_clear_message(tmp_path):
    with pytest.raises(RuntimeError, match="MARKET_SEARCH_BACKEND=postgres needs a PostgreSQL database"):
        create_app(_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite", SEARCH_BACKEND="postgres"))
    with pytest.raises(RuntimeError, match="use 'whoosh' or 'postgres'"):
        create_app(_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite", SEARCH_BACKEND="solr"))


@pytest.mark.no_app_context
def test_whoosh_is_the_default(tmp_path):
    app = create_app(_config(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite"))
    assert app.config["SEARCH_BACKEND"] == "whoosh" and app.extensions["search"].backend == "whoosh"


def test_reindex_and_check_index_on_each_backend(search_backend, runner):
    user = make_user()
    make_listing(user, make_org(user), title="Percolateur 100 tasses")
    rebuilt = runner.invoke(args=["market", "reindex"])
    checked = runner.invoke(args=["market", "check-index"])
    assert rebuilt.exit_code == 0 and checked.exit_code == 0, (rebuilt.output, checked.output)
    if search_backend.backend == "postgres":
        assert "la base est l'index (1 annonce(s) publiées)" in rebuilt.output
        assert "Index à jour." in checked.output
    else:
        assert "Index reconstruit : 1 annonce(s)" in rebuilt.output and "Index à jour." in checked.output
