"""The counts of a search (total, facets, the page's ids, the suggestion's rows) in the shared cache
(market/cache: Redis when MARKET_REDIS_URL is set), so that a frequent query is counted once
for every app server until something it depends on changes.

What the counts depend on, and what makes them go: a committed listing (any change), an
organisation or a user's status (their listings' being
public) invalidates the namespace on every server (market/cache/hooks.py); an import's rows,
written behind the ORM, through its `listings_published` signal; a refresh of the vocabulary
(the suggestion's rows). Time alone changes them in one way: a listing's end date passing, so
an entry serves only until the earliest end date among the listings it counted. A transaction
with writes of its own (flushed or not) neither reads nor fills the cache: it sees rows that
others do not, and may roll them back.
"""
import sqlalchemy as sa
from flask import current_app

from market.cache import get_cache
from market.cache.hooks import INFO_KEY, note, previous, watch
from market.extensions import db
from market.types import utcnow

NAMESPACE = "search:postgres"
TTL = 600  # seconds: entries of queries nobody repeats make way


def _any_change(_obj) -> set:
    return {NAMESPACE}


def _user_change(user) -> set:
    state = sa.inspect(user)
    if state.deleted or state.was_deleted:  # their listings go with them (ON DELETE CASCADE)
        return {NAMESPACE}
    return {NAMESPACE} if previous(user, "status") != user.status else set()


def _imported(_sender, ids=(), **_extra):
    if ids:
        note(db.session, NAMESPACE)


def watch_writes() -> None:
    """Once per process: the writes that invalidate the counts."""
    from market.accounts.models import Organization, User
    from market.listings.models import Listing
    from market.signals import listings_published
    watch(Listing, _any_change)
    watch(Organization, _any_change)  # its name is in its listings' words; its status hides them
    watch(User, _user_change)
    listings_published.connect(_imported)


def invalidate(app) -> None:
    get_cache(app).invalidate(NAMESPACE)


def _session_writes() -> bool:
    session = db.session()
    return bool(session.new or session.dirty or session.deleted or session.info.get(INFO_KEY))


def _fresh(counts) -> bool:
    return counts.valid_until is None or utcnow().timestamp() < counts.valid_until


def counts(key, compute, enabled: bool = True):
    """`compute()`'s Counts, from the shared cache when an entry for `key` still stands."""
    if not enabled or "cache" not in current_app.extensions or _session_writes():
        return compute()
    found = get_cache().remember(NAMESPACE, key, compute, TTL, _fresh)
    return found.copy()
