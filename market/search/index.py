"""The search index of one app: its store, a warm searcher per process, and how changes reach it.

Nothing here raises into a user's request: a busy lock leaves the change pending (a
background thread retries), a missing or broken index triggers a rebuild and the
callers fall back to SQL meanwhile.
"""
import errno
import logging
import os
import threading
import time

from flask import current_app

from market.search import indexer
from market.search.storage import FileStore, RamStore

log = logging.getLogger(__name__)
REBUILD_RETRY_SECONDS = 60


class IndexUnavailable(RuntimeError):
    """No usable index right now (missing, broken or being built): use the SQL path."""


class SearchIndex:
    backend = "whoosh"

    def __init__(self, app):
        from market.extensions import db
        from market.search import hooks
        hooks.register(db.session)  # committed changes reach the index (once per process)
        self.app = app
        cfg = app.config
        self.store = RamStore() if cfg.get("SEARCH_STORAGE") == "ram" else FileStore(cfg["SEARCH_INDEX_DIR"])
        self.lock_timeout = float(cfg.get("SEARCH_LOCK_TIMEOUT", 1.0))
        self.rebuild_mode = cfg.get("SEARCH_REBUILD_MODE") or ("sync" if self.store.kind == "ram" else "background")
        self._lock = threading.RLock()
        self._searcher, self._stamp, self._pid, self._previous = None, None, None, None
        self._rebuilding = None  # the background thread, while it runs
        self._last_rebuild_try = 0.0
        self._retrier = None
        self._unsaved = []  # changes the store could not record (disk full): kept here, retried
        self.caches = {}  # per-searcher caches (facet masks, vocabulary), keyed by the caller

    # reading -------------------------------------------------------------------------------

    def _stamp_now(self):
        return self.store.current_stamp() if self.store.kind == "file" else self.store.current_name()

    def searcher(self):
        """A warm searcher on the latest committed index, or IndexUnavailable."""
        with self._lock:
            if self._pid != os.getpid():  # forked worker: never share open files with the parent
                self._searcher, self._stamp, self._pid, self._previous = None, None, os.getpid(), None
            try:
                return self._open_or_refresh()
            except Exception as exc:  # noqa: BLE001 - missing or corrupt: rebuild, SQL meanwhile
                self.index_failed(exc)
                if self.rebuild_mode == "sync":
                    try:
                        return self._open_or_refresh()
                    except Exception as again:  # noqa: BLE001
                        raise IndexUnavailable(str(again)) from again
                raise IndexUnavailable(str(exc)) from exc

    def _open_or_refresh(self):
        # Not Searcher.refresh(): it reuses segment readers with their old deletions, so a
        # document deleted since would still be found. A fresh searcher costs little (the
        # bitsets are cached per segment); the replaced one is closed one generation later,
        # in case another thread still reads it.
        stamp = self._stamp_now()
        if self._searcher is None or stamp != self._stamp or not self._searcher.up_to_date():
            if stamp is None:
                raise FileNotFoundError("no search index")
            fresh = self.store.open_current().searcher()
            if self._previous is not None:
                self._previous.close()
            self._previous, self._searcher, self._stamp = self._searcher, fresh, stamp
        return self._searcher

    def index_failed(self, exc):
        """The index could not be opened or read: log and rebuild it (at most once a minute)."""
        log.warning("search index unavailable (%s): rebuilding it; searches use SQL meanwhile", exc)
        self.forget_searcher()
        self.request_rebuild()

    def forget_searcher(self):
        with self._lock:
            self._searcher, self._stamp = None, None

    # rebuilding ----------------------------------------------------------------------------

    def request_rebuild(self):
        if self._rebuilding is not None and self._rebuilding.is_alive():
            return
        now = time.monotonic()
        if now - self._last_rebuild_try < REBUILD_RETRY_SECONDS and self._last_rebuild_try:
            return
        self._last_rebuild_try = now
        if self.rebuild_mode == "sync":
            self._rebuild_if_needed()
        elif self.rebuild_mode == "background":
            self._rebuilding = threading.Thread(target=self._rebuild_in_app, name="search-rebuild", daemon=True)
            self._rebuilding.start()

    def _rebuild_in_app(self):
        with self.app.app_context():
            self._rebuild_if_needed()

    def _rebuild_if_needed(self):
        try:
            if self._usable():
                return
            result = indexer.rebuild(self.store, lock_timeout=REBUILD_RETRY_SECONDS, unless=self._usable)
            log.info("search index rebuilt: %s", result)
        except Exception:  # noqa: BLE001 - logged; the next use tries again later
            log.exception("search index rebuild failed")
        finally:
            self.forget_searcher()

    def _usable(self) -> bool:
        try:
            with self.store.open_current().searcher() as s:
                s.doc_count()
            return True
        except Exception:  # noqa: BLE001
            return False

    def rebuild(self, lock_timeout=30.0):
        """Rebuild now (the CLI, tests); raises if the lock does not come."""
        result = indexer.rebuild(self.store, lock_timeout=lock_timeout)
        self.forget_searcher()
        return result

    def wait_rebuilt(self, timeout=60.0) -> bool:
        thread = self._rebuilding
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    # writing -------------------------------------------------------------------------------

    def record(self, changes: dict):
        """Committed changes: keep them durably, then write them now if the lock comes soon.

        When the store cannot record them (disk full), this process keeps them in memory and a
        background thread records and writes them once it can: the index catches up without a
        reindex (if the process dies first, `check-index` sees the drift and `reindex` repairs it).
        """
        try:
            self.store.add_pending(changes)
        except Exception as exc:  # noqa: BLE001 - the database is the truth
            log.warning("search: could not record a change (%s); kept in memory, retried", exc)
            with self._lock:
                self._unsaved.append(changes)
            self._retry_later()
            return
        self.flush(self.lock_timeout)

    def _save_unsaved(self) -> bool:
        """Record the changes kept in memory; True when none is left."""
        with self._lock:
            waiting, self._unsaved = self._unsaved, []
        for n, changes in enumerate(waiting):
            try:
                self.store.add_pending(changes)
            except Exception:  # noqa: BLE001 - still no room: keep the rest for the next try
                with self._lock:
                    self._unsaved[:0] = waiting[n:]
                return False
        return True

    def unsaved_count(self) -> int:
        return len(self._unsaved)

    def flush(self, timeout) -> bool:
        """Write pending changes; on a busy lock or an error, keep them and retry in the background."""
        if self.store.current_name() is None:
            self.request_rebuild()  # the rebuild writes pending changes once the index exists
            return False
        try:
            written = indexer.drain(self.store, timeout)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                self.index_failed(exc)
                return False
            log.warning("search: no room to write the index (%s); retried in the background", exc)
            written = False  # the index itself is fine: no rebuild, just wait for room
        except Exception as exc:  # noqa: BLE001
            self.index_failed(exc)
            return False
        if not written:
            self._retry_later()
        return written

    def _retry_later(self):
        with self._lock:
            if self._retrier is not None and self._retrier.is_alive():
                return
            self._retrier = threading.Thread(target=self._retry_loop, name="search-retry", daemon=True)
            self._retrier.start()

    def _retry_loop(self):
        with self.app.app_context():
            delay = 0.2
            while self._unsaved or self.store.pending_count():
                time.sleep(delay)
                try:
                    if self._save_unsaved() and indexer.drain(self.store, 5.0):
                        continue
                except Exception as exc:  # noqa: BLE001
                    log.warning("search: pending changes could not be written yet (%s)", exc)
                delay = min(delay * 2, 5.0)

    def wait_idle(self, timeout=30.0) -> bool:
        """Wait until no change is pending (written by this process or another one)."""
        deadline = time.monotonic() + timeout
        while self._unsaved or self.store.pending_count():
            if time.monotonic() > deadline:
                return False
            try:
                if not (self._save_unsaved() and indexer.drain(self.store, 0.5)):
                    time.sleep(0.1)
            except Exception:  # noqa: BLE001
                time.sleep(0.1)
        return True

    def reset(self):
        """Tests: an empty RAM index, rebuilt from the database at next use."""
        self.store.reset()
        self._unsaved = []
        self.forget_searcher()
        self.caches.clear()
        self._last_rebuild_try = 0.0


def get_index(app=None) -> SearchIndex | None:
    app = app or current_app
    return app.extensions.get("search")
