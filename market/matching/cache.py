"""The ranked suggestions of a listing (listing page, API, "Mes correspondances"), cached for every server.

What is kept: ids, scores and reasons (no ORM objects), in market.cache (Redis with
MARKET_REDIS_URL, so every app server reads what one computed; this process otherwise). What is
always fresh, on every page: the listings themselves (title, owner, still public? via
`queries.load`) and the dismissals. A cached ranking is reused only while all of these are
unchanged (the key):
- the listing itself, as the score reads it (`source_row`), and its `updated_at` (any edit),
  with its owner's volunteer profile (radius, skills);
- the dismissals of the listing (a dismissal recomputes, so the owner gets a full list again);
- the newest publication among its possible candidates (same category, opposite kind): one
  index-backed read, so a new publication shows in every worker at once, Redis or not;
- the generation of the namespace "matching:<category>": any committed write of a listing of
  the category (a candidate edited, closed, moved) bumps it (see `init_app`), on every server
  sharing the Redis; without Redis only in the worker that wrote.
What may be stale, without Redis, for at most MATCHING_CACHE_SECONDS (default 300) in the other
workers: the score and reasons of a candidate edited since, and freshness.
"""
import sqlalchemy as sa
from flask import current_app

from market.cache import invalidate, remember
from market.cache.hooks import previous
from market.extensions import db
from market.listings.models import CATEGORIES, Listing
from market.matching import queries
from market.matching.candidates import dismissed_ids, source_row

DEFAULT_SECONDS = 300
stats = {"hits": 0, "misses": 0}  # this process's, for tests and benchmarks


def namespace(category: str) -> str:
    return f"matching:{category}"


def cached_suggestions(listing: Listing, limit: int) -> list[queries.Suggestion]:
    """queries.suggestions(listing, limit), from the cache when nothing it depends on changed."""
    ttl = current_app.config.get("MATCHING_CACHE_SECONDS", DEFAULT_SECONDS)
    dismissed = dismissed_ids(listing.id)
    if not ttl:
        return queries.load(queries.ranked(listing, limit + queries.MARGIN, dismissed=dismissed), limit, dismissed)
    key = (listing.id, limit, source_row(listing), listing.updated_at, dismissed, newest_candidate(listing))
    computed = []

    def compute():
        computed.append(True)
        return queries.ranked(listing, limit + queries.MARGIN, dismissed=dismissed)
    top = remember(namespace(listing.category), key, compute, ttl)
    stats["misses" if computed else "hits"] += 1
    return queries.load(top, limit, dismissed)


def newest_candidate(listing: Listing):
    """When the newest listing that could be a candidate was published (an index walk)."""
    opposite = "offer" if listing.kind == "need" else "need"
    return db.session.scalar(sa.select(Listing.published_at)
                             .where(Listing.category == listing.category, Listing.kind == opposite,
                                    Listing.published_at.is_not(None))
                             .order_by(Listing.published_at.desc()).limit(1))


def clear() -> None:
    """Forget every cached ranking (tests): the generations of every category move on."""
    invalidate(*(namespace(c) for c in CATEGORIES))


def touched(listing: Listing) -> set[str]:
    """The rankings a committed write of `listing` may change: those of its category (before and after)."""
    return {namespace(listing.category), namespace(previous(listing, "category"))}


def touched_by_profile(_profile) -> set[str]:
    """A volunteer's radius or skills count in the facts of all their listings: every category (rare)."""
    return {namespace(c) for c in CATEGORIES}
