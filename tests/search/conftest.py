"""Search fixtures: the session app's RAM index (emptied after each test by tests/conftest.py), a corpus."""
import pytest


@pytest.fixture
def search_index(app):
    return app.extensions["search"]


@pytest.fixture
def corpus():
    from tests.search.corpus import build
    return build()
