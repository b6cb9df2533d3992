"""Search fixtures: a small corpus (the backends: tests/fixtures_search.py; emptied after each test by tests/conftest.py)."""
import pytest

from tests.search.fileindex import file_index_in


@pytest.fixture
def corpus():
    from tests.search.corpus import build
    return build()


@pytest.fixture
def file_index(app, tmp_path):
    """This app's search on a file index in tmp_path (restored to RAM afterwards)."""
    with file_index_in(app, tmp_path / "index") as index:
        yield index
        index.wait_idle()
