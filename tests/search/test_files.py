"""The index on disk: two processes writing at once, a busy lock, atomic reindex, check-index,
and a missing or corrupt index at start-up."""
import multiprocessing
import os

import pytest

from market.extensions import db
from market.listings.models import Listing
from market.search.index import SearchIndex
from tests.factories import make_listing, make_org, make_user


def _listings(n, title="Chaise pliante"):
    user = make_user()
    org = make_org(user)
    return [make_listing(user, org, title=f"{title} {i}") for i in range(n)]


def _writer_process(database_url, index_dir, ids, queue):
    """A separate process (spawned, like another gunicorn worker) recording changes one by one."""
    from market import create_app
    from market.config import TestConfig
    from market.search import init_app
    cfg = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**cfg, "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_STORAGE": "file",
                      "SEARCH_INDEX_DIR": index_dir, "SEARCH_REBUILD_MODE": "off", "SEARCH_LOCK_TIMEOUT": 0.05})
    with app.app_context():
        index = init_app(app)
        for ident in ids:
            index.record({"listings": [ident]})
        queue.put(index.wait_idle(timeout=60))
        db.engine.dispose()


@pytest.mark.no_app_context
def test_two_processes_writing_at_once_lose_nothing(app, database_url, tmp_path):
    with app.app_context():
        index_dir = str(tmp_path / "index")
        app.config.update(SEARCH_STORAGE="file", SEARCH_INDEX_DIR=index_dir)
        saved = app.extensions["search"]
        index = app.extensions["search"] = SearchIndex(app)
        try:
            index.rebuild()  # an empty index; the listings below are committed without it
            app.extensions["search"] = saved
            ids = [l.id for l in _listings(40)]
            app.extensions["search"] = index
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue()
            procs = [ctx.Process(target=_writer_process, args=(database_url, index_dir, ids[i::2], queue))
                     for i in range(2)]
            for p in procs:
                p.start()
            results = [queue.get(timeout=120) for _ in procs]
            for p in procs:
                p.join(30)
            assert results == [True, True] and all(p.exitcode == 0 for p in procs)
            found = sorted(int(f["id"]) for f in index.searcher().all_stored_fields())
            assert found == sorted(ids) and index.store.pending_count() == 0
        finally:
            app.extensions["search"] = saved
            app.config.update(SEARCH_STORAGE="ram")
            db.session.remove()
            from tests.conftest import _delete_all_rows
            _delete_all_rows()


def test_a_busy_lock_never_fails_the_request_and_the_change_arrives(file_index, client):
    _listings(1)
    with file_index.store.lock(1) as held:  # another worker holds the write lock
        assert held
        file_index.lock_timeout = 0.05
        listing = db.session.scalars(db.select(Listing)).first()
        listing.title = "Percolateur 100 tasses"
        db.session.commit()  # does not raise, does not wait more than the bound
        assert file_index.store.pending_count() == 1
        assert client.get("/annonces/?q=chaise").status_code == 200
    assert file_index.wait_idle(timeout=30)
    from market.search.service import search_listings
    assert [l.title for l in search_listings({"q": "percolateur"}).items] == ["Percolateur 100 tasses"]


def test_reindex_swaps_atomically_and_check_index_reports(file_index, runner):
    listings = _listings(3)
    first = file_index.store.current_name()
    db.session.execute(db.update(type(listings[0])).where(type(listings[0]).id == listings[0].id)
                       .values(title="Titre changé en masse"))
    db.session.commit()  # bulk update: the index does not know
    result = runner.invoke(args=["market", "check-index"])
    assert result.exit_code == 1 and "périmées" in result.output
    result = runner.invoke(args=["market", "reindex"])
    assert result.exit_code == 0 and "3 annonce(s)" in result.output
    assert file_index.store.current_name() != first
    assert os.path.isdir(os.path.join(file_index.store.root, first))  # kept for searchers still reading it
    result = runner.invoke(args=["market", "check-index"])
    assert result.exit_code == 0 and "Index à jour" in result.output


def test_missing_index_at_start_up_is_rebuilt_and_pages_still_answer(file_index, client):
    _listings(2)
    assert file_index.store.current_name() is not None
    import shutil
    shutil.rmtree(file_index.store.root)
    file_index.forget_searcher()
    file_index.rebuild_mode = "background"
    file_index._last_rebuild_try = 0.0
    assert client.get("/annonces/?q=chaise").status_code == 200  # SQL answers meanwhile
    assert file_index.wait_rebuilt(60)
    from market.search.service import search_listings
    result = search_listings({"q": "chaises"})
    assert result.engine == "index" and result.total == 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # whoosh leaks the corrupt file
def test_corrupt_index_at_start_up_is_rebuilt(file_index, client):
    _listings(2)
    root = os.path.join(file_index.store.root, file_index.store.current_name())
    for name in os.listdir(root):
        with open(os.path.join(root, name), "wb") as fh:
            fh.write(b"garbage")
    file_index.forget_searcher()
    file_index._last_rebuild_try = 0.0
    response = client.get("/annonces/?q=chaise")
    assert response.status_code == 200 and "<mark>Chaise</mark> pliante 0" in response.get_data(as_text=True)
    from market.search.service import search_listings
    assert search_listings({"q": "chaise"}).engine == "index"
    assert runner_ok(file_index)


def runner_ok(index):
    from market.search.check import check
    return check(index).ok


def test_an_index_of_an_older_schema_is_rebuilt(file_index):
    from market.search.service import search_listings
    from market.search.storage import VERSION_FILE
    _listings(2)
    old = file_index.store.current_name()
    with open(os.path.join(file_index.store.root, old, VERSION_FILE), "w") as fh:
        fh.write("1\n")  # as written by the previous release
    file_index.forget_searcher()
    file_index._last_rebuild_try = 0.0
    result = search_listings({"q": "chaise"})
    assert result.engine == "index" and result.total == 2
    assert file_index.store.current_name() != old and runner_ok(file_index)


def test_a_rebuild_in_several_segments_finds_everything(file_index, monkeypatch):
    from market.search import bulk
    from market.search.service import search_listings
    ids = [l.id for l in _listings(7)]
    monkeypatch.setattr(bulk, "SEGMENT_DOCS", 3)
    assert file_index.rebuild()["documents"] == 7
    searcher = file_index.searcher()
    assert len(searcher.reader().leaf_readers()) == 3
    found = [l.id for l in search_listings({"q": "chaise"}, sort="newest").items]
    assert sorted(found) == sorted(ids) and runner_ok(file_index)


def test_ram_index_writers_leave_nothing_in_the_temporary_folder(app, monkeypatch, tmp_path):
    """Two processes with RAM indexes must not share whoosh's '/tmp/MAIN.tmp' (it hung test runs),
    and writing must not leave a folder behind in /tmp per segment (a test run left 18,000)."""
    import tempfile
    from market.search.service import search_listings
    from market.search.storage import PrivateRamStorage
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = PrivateRamStorage().temp_storage("MAIN.tmp"), PrivateRamStorage().temp_storage("MAIN.tmp")
    assert first is not second
    ids = [l.id for l in _listings(3)]
    assert sorted(l.id for l in search_listings({"q": "chaise"}, sort="newest").items) == sorted(ids)
    assert list(tmp_path.iterdir()) == []
