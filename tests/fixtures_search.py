"""`search_backend`: a test runs once with whoosh and once with PostgreSQL's full-text search.

The PostgreSQL run needs the suite on PostgreSQL (MARKET_TEST_DATABASE_URL=postgresql://…, as
scripts/test and CI do); on SQLite it is skipped. When the session app has another backend
(MARKET_TEST_SEARCH_BACKEND=postgres runs the whole suite on PostgreSQL's), the test's one
is swapped in for the test and the session's put back after it.
"""
import pytest

BACKENDS = ["whoosh", "postgres"]


@pytest.fixture(params=BACKENDS)
def search_backend(request, app):
    from market.search import make_backend
    name = request.param
    if name == "postgres" and not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the PostgreSQL search backend runs with MARKET_TEST_DATABASE_URL=postgresql://…")
    if app.extensions["search"].backend == name:
        yield app.extensions["search"]
        return
    session, configured = app.extensions["search"], app.config["SEARCH_BACKEND"]
    app.extensions["search"] = backend = make_backend(app, name)
    app.config["SEARCH_BACKEND"] = name
    try:
        yield backend
    finally:
        app.extensions["search"], app.config["SEARCH_BACKEND"] = session, configured


def engine() -> str:
    """The `engine` of a SearchResult answered by the current backend (not the SQL fallback)."""
    from market.search import backend_name
    return {"whoosh": "index", "postgres": "postgres"}[backend_name()]
