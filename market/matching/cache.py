"""A short in-process cache of the ranked suggestions of a listing (listing page, API, "Mes correspondances").

What is kept: ids, scores and reasons (no ORM objects). What is always fresh, on every page:
the listings themselves (title, owner, still public? via `queries.load`) and the dismissals.
A cached ranking is reused only while all of these are unchanged (the key):
- the listing itself, as the score reads it (`source_row`: any edit changes `updated_at`),
  with its owner's volunteer profile (radius, skills);
- the dismissals of the listing (a dismissal recomputes, so the owner gets a full list again);
- the newest publication among its possible candidates (same category, opposite kind): one
  index-backed read, so a new publication shows in every worker at once.
What may be stale for at most MATCHING_CACHE_SECONDS (default 300): the score and reasons of a
candidate that was edited since, and freshness. Per process (gunicorn workers do not share it).
"""
import threading
import time
from collections import OrderedDict

import sqlalchemy as sa
from flask import current_app

from market.extensions import db
from market.listings.models import Listing
from market.matching import queries
from market.matching.candidates import dismissed_ids, source_row

DEFAULT_SECONDS = 300
MAX_ENTRIES = 5000  # a ranking is ~15 small tuples: a few MB at most per worker

_entries: "OrderedDict[tuple, tuple[float, list]]" = OrderedDict()
_lock = threading.Lock()
stats = {"hits": 0, "misses": 0}


def cached_suggestions(listing: Listing, limit: int) -> list[queries.Suggestion]:
    """queries.suggestions(listing, limit), from the cache when nothing it depends on changed."""
    ttl = current_app.config.get("MATCHING_CACHE_SECONDS", DEFAULT_SECONDS)
    dismissed = dismissed_ids(listing.id)
    if not ttl:
        return queries.load(queries.ranked(listing, limit + queries.MARGIN, dismissed=dismissed), limit, dismissed)
    key = (listing.id, limit, source_row(listing), dismissed, newest_candidate(listing))
    now = time.monotonic()
    with _lock:
        found = _entries.get(key)
        if found is not None and found[0] > now:
            _entries.move_to_end(key)
            stats["hits"] += 1
            top = found[1]
        else:
            top = None
    if top is None:
        stats["misses"] += 1
        top = queries.ranked(listing, limit + queries.MARGIN, dismissed=dismissed)
        with _lock:
            _entries[key] = (now + ttl, top)
            _entries.move_to_end(key)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return queries.load(top, limit, dismissed)


def newest_candidate(listing: Listing):
    """When the newest listing that could be a candidate was published (an index walk)."""
    opposite = "offer" if listing.kind == "need" else "need"
    return db.session.scalar(sa.select(Listing.published_at)
                             .where(Listing.category == listing.category, Listing.kind == opposite,
                                    Listing.published_at.is_not(None))
                             .order_by(Listing.published_at.desc()).limit(1))


def clear() -> None:
    with _lock:
        _entries.clear()
