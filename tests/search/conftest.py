"""Search fixtures: a small corpus (the backends: tests/fixtures_search.py; emptied after each test by tests/conftest.py)."""
import pytest


@pytest.fixture
def corpus():
    from tests.search.corpus import build
    return build()
