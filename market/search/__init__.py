"""Full-text search of public listings: French analysis, an index that follows the database, facets.

The lead's app factory calls `init_app(app)`; `market.search.cli.register(market_cli)` adds
`reindex` and `check-index`. Pages and the API call `market.search.service.search_listings`.
"""


def init_app(app):
    """Open (lazily) this app's index and make committed changes reach it.

    The index is opened at the first search or write of each process; when it is missing or
    corrupt, it is rebuilt then (in a background thread with file storage, at once in RAM),
    and SQL answers meanwhile.
    """
    from market.extensions import db
    from market.search import hooks
    from market.search.index import SearchIndex
    if "search" in app.extensions:
        return app.extensions["search"]
    app.extensions["search"] = index = SearchIndex(app)
    hooks.register(db.session)
    return index


def similar_listing_ids(listing, limit: int = 4, kind: str | None = None) -> list[int]:
    """See market.search.service.similar_listing_ids (raises IndexUnavailable when it cannot answer)."""
    from market.search.service import similar_listing_ids as _similar
    return _similar(listing, limit=limit, kind=kind)
