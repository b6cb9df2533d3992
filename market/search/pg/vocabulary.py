"""The two materialized views of the vocabulary (lexemes with their document counts, spellings
with trigrams), refreshed when older than VOCABULARY_TTL, by one process at a time.

Like whoosh's vocabulary, new words reach "did you mean" and "similar"'s weights within
VOCABULARY_TTL; the search itself reads the stored vectors and never waits for a refresh.
A process looks at the views' age at most once per TTL; a refresh runs in a thread of its
own (at once in tests: SEARCH_STORAGE=ram or SEARCH_REBUILD_MODE=sync), under an advisory
lock so that several workers and servers never refresh together.
"""
import logging
import threading
import time

import sqlalchemy as sa

from market.extensions import db
from market.search.pg.schema import VIEWS
from market.types import utcnow

log = logging.getLogger(__name__)
VOCABULARY_TTL = 300  # seconds
LOCK_KEY = 0x5EA4C4  # pg advisory lock: one refresh at a time over every process
_COUNTED: dict[str, tuple[float, int]] = {}  # lexeme -> (when read, listings holding it)
COUNTED_MAX = 20_000  # lexemes kept (a few MB): every word ever searched would grow a worker for ever


def document_counts(lexemes) -> dict[str, int]:
    """How many listings hold each lexeme, as the vocabulary last counted them (0: not counted yet),
    read once per TTL per process."""
    now, lexemes = time.monotonic(), list(lexemes)
    if len(_COUNTED) + len(lexemes) > COUNTED_MAX:
        _COUNTED.clear()
    missing = [lex for lex in lexemes if now - _COUNTED.get(lex, (-1e9, 0))[0] > VOCABULARY_TTL]
    if missing:
        found = dict(db.session.execute(sa.text("SELECT lexeme, ndoc FROM search_lexemes WHERE lexeme = ANY(:lexemes)"),
                                        {"lexemes": missing}).all())
        _COUNTED.update((lex, (now, found.get(lex, 0))) for lex in missing)
    return {lex: _COUNTED[lex][1] for lex in lexemes}


def age_seconds(conn) -> float | None:
    """Seconds since the older view was refreshed; None when one is empty (nothing to date it)."""
    stamps = [conn.scalar(sa.text(f"SELECT refreshed_at FROM {view} LIMIT 1")) for view in VIEWS]
    if any(s is None for s in stamps):
        return None
    return (utcnow() - min(stamps)).total_seconds()


def refresh(engine, if_older_than: float | None = None, on_refresh=None) -> bool:
    """Refresh both views (concurrently: readers are never blocked); False when another process
    holds the lock or they are fresh enough already. `on_refresh()` after a refresh."""
    with engine.connect() as conn:
        if not conn.scalar(sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}):
            conn.rollback()
            return False
        try:
            age = age_seconds(conn)
            if if_older_than is not None and age is not None and age < if_older_than:
                return False
            for view in VIEWS:
                conn.execute(sa.text(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}"))
                conn.commit()
            if on_refresh is not None:
                on_refresh()
            return True
        finally:
            conn.rollback()
            conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            conn.commit()


class Vocabulary:
    """One process's view of the vocabulary's freshness."""

    def __init__(self, engine_getter, sync: bool, ttl: float = VOCABULARY_TTL, on_refresh=None):
        self._engine = engine_getter
        self.on_refresh = on_refresh  # after each refresh by this process (the search counts' cache)
        self.sync, self.ttl = sync, ttl
        self._checked = None  # monotonic time of the last look; None: refresh at the first use
        self._thread = None
        self._lock = threading.Lock()

    def reset(self):
        self._checked = None

    def ensure_fresh(self):
        """Refresh the views if they are older than the TTL (looked at once per TTL per process)."""
        now = time.monotonic()
        with self._lock:
            first = self._checked is None
            if not first and now - self._checked < self.ttl:
                return
            self._checked = now
        engine = self._engine()
        older_than = None if (first and self.sync) else self.ttl
        if self.sync:
            refresh(engine, older_than, self.on_refresh)
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._refresh, args=(engine, older_than),
                                            name="search-vocabulary", daemon=True)
            self._thread.start()

    def _refresh(self, engine, older_than):
        try:
            refresh(engine, older_than, self.on_refresh)
        except Exception:  # noqa: BLE001 - the old vocabulary serves; the next look tries again
            log.exception("search: the vocabulary could not be refreshed")

    def wait(self, timeout=60.0):
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
