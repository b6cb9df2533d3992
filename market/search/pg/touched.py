"""The words a listing write touches, for the counts cache (market/search/pg/cache.py): the lexemes
of its stored vector before and after the write, with its organisation's and commune's names
(a listing is found by those too).

Only a search for one of these words can count the listing, before or after: the cached counts
of every other search still stand. The vectors are read from PostgreSQL, as the searches match
them: before the flush for the listings changed or deleted, after it for the new and changed.
"""
import sqlalchemy as sa
from flask import current_app, has_app_context

from market.cache.hooks import note

OLD = "search_touched_before"
_LEXEMES = sa.text(
    "SELECT l.commune_code, tsvector_to_array(l.search_vector || coalesce(ts_filter(o.search_vector, '{a}'), '')) "
    "FROM listings l LEFT JOIN organizations o ON o.id = l.organization_id WHERE l.id = ANY(:ids)")


def _listings(session, objects, changed_only: bool) -> list[int]:
    from market.listings.models import Listing
    return [obj.id for obj in objects if isinstance(obj, Listing) and obj.id is not None
            and (not changed_only or session.is_modified(obj))]


def _active(session) -> bool:
    """Only where the counts are cached (PostgreSQL's search with a shared cache): elsewhere reading the
    words would cost every listing write two statements for nothing."""
    return (has_app_context() and "cache" in current_app.extensions
            and getattr(current_app.extensions.get("search"), "cache_counts", False)
            and session.get_bind().dialect.name == "postgresql")


def lexemes(session, ids: list[int]) -> set[str]:
    """The words of these listings as PostgreSQL matches them now (in this transaction)."""
    from market.search.pg.names import commune_name_lexemes
    out: set[str] = set()
    if ids:
        for commune_code, found in session.connection().execute(_LEXEMES, {"ids": ids}):
            out.update(found or ())
            out.update(commune_name_lexemes(commune_code))
    return out


def before_flush(session, _context, _instances) -> None:
    if _active(session):
        ids = _listings(session, session.dirty, True) + _listings(session, session.deleted, False)
        if ids:
            session.info.setdefault(OLD, set()).update(lexemes(session, ids))


def after_flush(session, _context) -> None:
    old = session.info.pop(OLD, set())
    if not _active(session):
        return
    written = _listings(session, session.new, False) + _listings(session, session.dirty, True)
    deleted = _listings(session, session.deleted, False)
    if old or written or deleted:
        from market.search.pg.cache import written_namespaces
        note(session, *written_namespaces(old | lexemes(session, written)))
