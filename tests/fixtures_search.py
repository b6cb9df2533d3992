"""`search_backend`: a test runs once with whoosh and once with PostgreSQL's full-text search.

The PostgreSQL run needs the suite on PostgreSQL (MARKET_TEST_DATABASE_URL=postgresql://…, as
scripts/test and CI do); on SQLite it is skipped. The session app's backend is swapped for the
test and put back after it.
"""
import pytest

BACKENDS = ["whoosh", "postgres"]


@pytest.fixture(params=BACKENDS)
def search_backend(request, app):
    from market.search import make_backend
    name = request.param
    if name == "whoosh":
        yield app.extensions["search"]
        return
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the PostgreSQL search backend runs with MARKET_TEST_DATABASE_URL=postgresql://…")
    whoosh, configured = app.extensions["search"], app.config["SEARCH_BACKEND"]
    app.extensions["search"] = backend = make_backend(app, "postgres")
    app.config["SEARCH_BACKEND"] = "postgres"
    try:
        yield backend
    finally:
        app.extensions["search"], app.config["SEARCH_BACKEND"] = whoosh, configured


def engine() -> str:
    """The `engine` of a SearchResult answered by the current backend (not the SQL fallback)."""
    from market.search import backend_name
    return {"whoosh": "index", "postgres": "postgres"}[backend_name()]
