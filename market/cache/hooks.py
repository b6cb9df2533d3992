"""Writes invalidate what they change: namespaces collected at each flush, invalidated after the commit.

A feature says once which namespaces a row touches: `watch(Listing, lambda listing: {...})`.
The invalidation happens after the commit and before the answer leaves, so the next request,
on any server sharing the Redis, misses. A rollback invalidates nothing. Bulk `update()` and
`delete()` statements bypass these events: a service using them invalidates explicitly.
"""
import logging

import sqlalchemy as sa
from flask import current_app, has_app_context

log = logging.getLogger(__name__)
INFO_KEY = "cache_namespaces"
_watched: list[tuple[type, object]] = []
_registered = False


def watch(model: type, namespaces_of) -> None:
    """`namespaces_of(obj)` -> the namespaces a new, changed or deleted `model` row invalidates."""
    if (model, namespaces_of) not in _watched:
        _watched.append((model, namespaces_of))


def note(session, *namespaces) -> None:
    """Namespaces written behind the ORM (bulk INSERT statements): invalidated after the commit like
    the others, forgotten on rollback."""
    if namespaces and has_app_context() and "cache" in current_app.extensions:
        session.info.setdefault(INFO_KEY, set()).update(namespaces)


def previous(obj, attr: str):
    """The value `attr` had before this flush (a listing moved to another category empties both)."""
    history = sa.inspect(obj).attrs[attr].history
    return history.deleted[0] if history.deleted else getattr(obj, attr)


def _after_flush(session, _flush_context):
    if not _watched or not has_app_context() or "cache" not in current_app.extensions:
        return
    found = session.info.setdefault(INFO_KEY, set())
    for objects in (session.new, session.dirty, session.deleted):
        for obj in objects:
            for model, namespaces_of in _watched:
                if isinstance(obj, model) and (objects is not session.dirty or session.is_modified(obj)):
                    found.update(namespaces_of(obj))


def _after_commit(session):
    namespaces = session.info.pop(INFO_KEY, None)
    if not namespaces or not has_app_context() or "cache" not in current_app.extensions:
        return
    try:
        current_app.extensions["cache"].invalidate(*sorted(namespaces))
    except Exception:  # noqa: BLE001 - never fail a committed request; entries expire by themselves
        log.exception("cache: could not invalidate %s", sorted(namespaces))


def _after_soft_rollback(session, previous_transaction):
    if previous_transaction.parent is None:
        session.info.pop(INFO_KEY, None)


def register(session_target) -> None:
    """Listen on the Flask-SQLAlchemy session (once per process, whatever the number of apps)."""
    global _registered
    if _registered:
        return
    sa.event.listen(session_target, "after_flush", _after_flush)
    sa.event.listen(session_target, "after_commit", _after_commit)
    sa.event.listen(session_target, "after_soft_rollback", _after_soft_rollback)
    _registered = True
