"""The counts of a search (total, facets, the page's ids, the suggestion's rows) in the shared cache
(market/cache: Redis when MARKET_REDIS_URL is set), so that a frequent query is counted once
for every app server until something it depends on changes.

What the counts depend on, and what makes them go:
- a committed listing change (new, edited, closed, deleted) drops the searches for its words
  only, before and after the change, with its organisation's and commune's names
  (market/search/pg/touched.py), and browsing: a search for other words keeps its counts;
- an organisation (its name is in its listings' words; its status hides them), a user's status
  (their listings' being public), an import's rows (written behind the ORM, through its
  `listings_published` signal), a refresh of the vocabulary (the suggestion's rows): every entry;
- time, in one way: a listing's end date passing, so an entry serves only until the earliest
  end date among the listings it counted.
A transaction with writes of its own (flushed or not) neither reads nor fills the cache: it sees
rows that others do not, and may roll them back.
"""
import sqlalchemy as sa
from flask import current_app

from market.cache import get_cache
from market.cache.hooks import INFO_KEY, note, previous, watch
from market.extensions import db
from market.search.pg import touched
from market.types import utcnow

NAMESPACE = "search:postgres"
BROWSE = f"{NAMESPACE}:browse"  # searches without words
TTL = 600  # seconds: entries of queries nobody repeats make way


def _any_change(_obj) -> set:
    return {NAMESPACE}


def word_namespace(lexeme: str) -> str:
    return f"{NAMESPACE}:word:{lexeme}"


def written_namespaces(lexemes: set[str]) -> list[str]:
    """What a listing write whose words are `lexemes` invalidates: searches for them, and browsing."""
    return [BROWSE, *sorted(map(word_namespace, lexemes))]


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
    from market.signals import listings_published
    if not sa.event.contains(db.session, "before_flush", touched.before_flush):
        sa.event.listen(db.session, "before_flush", touched.before_flush)
        sa.event.listen(db.session, "after_flush", touched.after_flush)
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


def counts(key, compute, enabled: bool = True, lexemes=None):
    """`compute()`'s Counts, from the shared cache when an entry for `key` still stands;
    `lexemes`: the words searched (None: browsing)."""
    if not enabled or "cache" not in current_app.extensions or _session_writes():
        return compute()
    depends = [BROWSE] if lexemes is None else sorted(map(word_namespace, lexemes))
    found = get_cache().remember(NAMESPACE, key, compute, TTL, _fresh, depends)
    return found.copy()
