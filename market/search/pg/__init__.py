"""PostgreSQL full-text search (MARKET_SEARCH_BACKEND=postgres): the database is the index.

Stored, weighted tsvector columns with GIN indexes (migration 0017_search_pg), analysed by
`market_french` (unaccent, then French stemming); the same words, synonyms, filters, facets,
relevance and suggestions as the whoosh backend. No session hooks: a committed listing is
searchable at once, on every app server. The counts of a search are kept in the shared cache
until a write changes them, when that cache is shared (MARKET_REDIS_URL; market/search/pg/cache.py).
"""
import time

import sqlalchemy as sa

from market.extensions import db
from market.search.pg import cache
from market.search.pg.schema import VIEWS
from market.search.pg.vocabulary import Vocabulary, refresh


class PgSearch:
    backend = "postgres"

    def __init__(self, app):
        self.app = app
        cfg = app.config
        sync = cfg.get("SEARCH_REBUILD_MODE") == "sync" or cfg.get("SEARCH_STORAGE") == "ram"
        self.vocabulary = Vocabulary(lambda: db.engine, sync=sync, on_refresh=lambda: cache.invalidate(app))
        self.caches = {}
        # only in a cache every worker shares: in each process's own, another worker's write would
        # not reach it (one process, as the benchmark, may say True)
        self.cache_counts = bool(cfg.get("SEARCH_PG_CACHE", True) and cfg.get("REDIS_URL"))
        cache.watch_writes()

    def search_listings(self, filters, page, per_page, sort):
        from market.search.pg.listings import search_listings
        if filters.get("q"):
            self.vocabulary.ensure_fresh()
        return search_listings(filters, page, per_page, sort, cached=self.cache_counts)

    def similar_listing_ids(self, listing, limit=4, kind=None) -> list[int]:
        from market.search.pg.similar import similar_listing_ids
        self.vocabulary.ensure_fresh()
        with db.session.begin_nested():  # a failure leaves the request's transaction usable
            return similar_listing_ids(listing, limit, kind)

    def organization_ids_matching(self, text, statuses=("verified",)) -> list[int]:
        from market.search.pg.organizations import organization_ids_matching
        return organization_ids_matching(text, statuses)

    def rebuild(self, lock_timeout=30.0) -> dict:
        """`flask market reindex`: the vectors follow the rows by themselves; refresh the
        vocabulary and the planner's statistics."""
        started, deadline = time.monotonic(), time.monotonic() + lock_timeout
        while not refresh(db.engine, on_refresh=lambda: cache.invalidate(self.app)):
            if time.monotonic() > deadline:
                from market.search.indexer import IndexBusy
                raise IndexBusy("another process is refreshing the search vocabulary")
            time.sleep(0.2)
        with db.engine.connect() as conn:
            conn.execute(sa.text("ANALYZE listings"))
            conn.execute(sa.text("ANALYZE organizations"))
            conn.commit()
            documents = conn.scalar(sa.text("SELECT count(*) FROM listings WHERE status = 'published'"))
        self.vocabulary.reset()
        return {"documents": documents, "generation": "postgres", "seconds": round(time.monotonic() - started, 2)}

    def check(self) -> list[str]:
        """What is missing for this backend to work (empty when all is there)."""
        missing = []
        with db.engine.connect() as conn:
            for table in ("listings", "organizations"):
                if not conn.scalar(sa.text("SELECT 1 FROM information_schema.columns WHERE table_name = :t "
                                           "AND column_name = 'search_vector'"), {"t": table}):
                    missing.append(f"{table}.search_vector")
            for view in VIEWS:
                if not conn.scalar(sa.text("SELECT 1 FROM pg_matviews WHERE matviewname = :v"), {"v": view}):
                    missing.append(view)
            for extension in ("unaccent", "pg_trgm"):
                if not conn.scalar(sa.text("SELECT 1 FROM pg_extension WHERE extname = :e"), {"e": extension}):
                    missing.append(f"extension {extension}")
        return missing

    def reset(self):
        """Tests: rows were deleted behind the ORM; read the vocabulary again at the next use."""
        self.vocabulary.reset()
        self.caches.clear()
        if "cache" in self.app.extensions:
            cache.invalidate(self.app)
