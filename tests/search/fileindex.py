"""The session app's search on a file index in a folder of the test's choosing (tests of the index on disk)."""
import contextlib

from market.search.index import SearchIndex


@contextlib.contextmanager
def file_index_in(app, folder):
    """This app's search on a file index in `folder` (rebuilt synchronously), back to RAM afterwards."""
    saved = app.extensions["search"], dict(app.config)
    app.config.update(SEARCH_STORAGE="file", SEARCH_INDEX_DIR=str(folder), SEARCH_REBUILD_MODE="sync")
    index = app.extensions["search"] = SearchIndex(app)
    try:
        yield index
    finally:
        index._unsaved.clear()  # a failed test must not leave a retry thread looping on a vanished folder
        app.extensions["search"] = saved[0]
        app.config.clear()
        app.config.update(saved[1])
