"""Candidates from the search engine (market.search "more like this"); None means "use SQL only"."""
from flask import current_app


def similar_ids(listing, limit: int) -> list[int] | None:
    """Ids of complementary listings textually close to `listing`, best first, or None when the
    search engine cannot answer (not set up, index rebuilding or broken: SQL answers then)."""
    try:
        from market.search import similar_listing_ids
        from market.search.index import IndexUnavailable
    except ImportError:
        return None
    opposite = "offer" if listing.kind == "need" else "need"
    try:
        return list(similar_listing_ids(listing, limit=limit, kind=opposite))
    except IndexUnavailable:
        return None
    except Exception:  # the index is a cache of the database: never fail a page because of it
        current_app.logger.exception("search engine failed for matching; using SQL candidates")
        return None
