"""Session events: collect what changed in `after_flush`, write it after the commit, forget it on rollback."""
import logging

import sqlalchemy as sa
from flask import current_app, has_app_context

from market.accounts.models import Organization, User
from market.listings.models import Listing

log = logging.getLogger(__name__)
INFO_KEY = "search_changes"
# Listing columns whose change never alters the index.
IGNORED_LISTING_ATTRS = frozenset({"reminder_sent_at", "moderation_note", "updated_at", "close_reason"})
ORG_ATTRS = ("status", "name", "slug")
USER_ATTRS = ("status",)


def _changed(obj, attrs) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attrs)


def _listing_changed(obj) -> bool:
    state = sa.inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in IGNORED_LISTING_ATTRS)


def _changes(session) -> dict:
    return session.info.setdefault(INFO_KEY, {"listings": set(), "orgs": set(), "authors": set()})


def collect(session) -> dict:
    """What this flush changed that may add, change or remove documents."""
    changes = _changes(session)
    for obj in session.new:
        if isinstance(obj, Listing):
            changes["listings"].add(obj.id)
    for obj in session.dirty:
        if isinstance(obj, Listing) and _listing_changed(obj):
            changes["listings"].add(obj.id)
        elif isinstance(obj, Organization) and _changed(obj, ORG_ATTRS):
            changes["orgs"].add(obj.id)
        elif isinstance(obj, User) and _changed(obj, USER_ATTRS):
            changes["authors"].add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, Listing):
            changes["listings"].add(obj.id)
        elif isinstance(obj, Organization):
            changes["orgs"].add(obj.id)  # the database cascade deletes its listings behind the ORM
        elif isinstance(obj, User):
            changes["authors"].add(obj.id)
    return changes


def note_changes(session, listings=(), orgs=(), authors=()) -> None:
    """Name rows changed behind the ORM (bulk INSERT/UPDATE statements): written to the index after the
    commit like any flushed change, forgotten on rollback."""
    if has_app_context() and _whoosh_index() is not None:
        changes = _changes(session)
        changes["listings"].update(listings)
        changes["orgs"].update(orgs)
        changes["authors"].update(authors)


def _whoosh_index():
    """This app's whoosh index, or None (no search set up, or PostgreSQL's: the database is its index)."""
    index = current_app.extensions.get("search")
    return index if getattr(index, "backend", None) == "whoosh" else None


def _after_flush(session, _flush_context):
    if has_app_context() and _whoosh_index() is not None:
        collect(session)


def _after_commit(session):
    changes = session.info.pop(INFO_KEY, None)
    if not changes or not any(changes.values()) or not has_app_context():
        return
    index = _whoosh_index()
    if index is None:
        return
    try:
        index.record({key: sorted(i for i in ids if i is not None) for key, ids in changes.items()})
    except Exception:  # noqa: BLE001 - never fail the request: check-index / reindex repair
        log.exception("search: a committed change could not reach the index")


def _after_soft_rollback(session, previous_transaction):
    if previous_transaction.parent is None:  # the whole transaction is gone, not just a savepoint
        session.info.pop(INFO_KEY, None)


_registered = False


def register(session_target):
    """Listen on the Flask-SQLAlchemy session (once per process, whatever the number of apps)."""
    global _registered
    if _registered:
        return
    sa.event.listen(session_target, "after_flush", _after_flush)
    sa.event.listen(session_target, "after_commit", _after_commit)
    sa.event.listen(session_target, "after_soft_rollback", _after_soft_rollback)
    _registered = True
