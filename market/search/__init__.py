"""Full-text search of public listings: French analysis, facets, suggestions, two backends.

`MARKET_SEARCH_BACKEND=whoosh` (the default): a whoosh index that follows the database.
`MARKET_SEARCH_BACKEND=postgres`: PostgreSQL's own full-text search (market/search/pg/), the
database is the index. The lead's app factory calls `init_app(app)`;
`market.search.cli.register(market_cli)` adds `reindex` and `check-index`. Pages and the API
call `market.search.service.search_listings`.
"""


def init_app(app):
    """Set up this app's search backend (`app.extensions["search"]`, its `backend` says which).

    whoosh: the index is opened at the first search or write of each process; when it is missing
    or corrupt, it is rebuilt then (in a background thread with file storage, at once in RAM),
    and SQL answers meanwhile; session hooks make committed changes reach it.
    """
    from market.search.pagination import estimate
    app.jinja_env.filters["estimate"] = estimate
    if "search" in app.extensions:
        return app.extensions["search"]
    app.extensions["search"] = backend = make_backend(app, app.config.get("SEARCH_BACKEND") or "whoosh")
    return backend


def make_backend(app, name: str):
    """A search backend of `app` by name ("whoosh" or "postgres")."""
    if name == "postgres":
        from market.search.pg import PgSearch
        return PgSearch(app)
    from market.search.index import SearchIndex
    return SearchIndex(app)


def backend_name(app=None) -> str:
    """"whoosh" or "postgres": the backend answering this app's searches."""
    from flask import current_app
    backend = (app or current_app).extensions.get("search")
    return getattr(backend, "backend", "whoosh")


def similar_listing_ids(listing, limit: int = 4, kind: str | None = None) -> list[int]:
    """See market.search.service.similar_listing_ids (raises IndexUnavailable when it cannot answer)."""
    from market.search.service import similar_listing_ids as _similar
    return _similar(listing, limit=limit, kind=kind)
