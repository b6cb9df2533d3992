"""Reads of matching: the suggestions of a listing, scored by rules.score and ranked."""
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from market.extensions import db
from market.listings.models import Listing
from market.matching import corpus, rules, search_bridge
from market.matching.candidates import candidate_ids, candidate_rows, facts, facts_of
from market.types import utcnow

CANDIDATES = 300  # from SQL, scored per request: enough for a good top 10, small enough to stay fast
SEARCH_CANDIDATES = 100  # from the search index (text first, anywhere: distance is checked after)
SCAN_WINDOW = 3000  # newest listings of a category scanned by SQL when the search index answers too
MARGIN = 10  # extra top listings loaded in case some turn out not public (suspended organisation...)
# Halving the pool (150/60/1500) saves ~35 % of a computation but changes ~30 % of the top 5
# (bench/matching.py corpus, 100,000 listings): the page caches instead (market.matching.cache).

__all__ = ["Ranked", "Suggestion", "facts_of", "load", "ranked", "suggestions"]


@dataclass
class Suggestion:
    listing: Listing
    score: float
    reasons: list
    distance_km: float | None


@dataclass(frozen=True)
class Ranked:
    """A scored candidate without its ORM object (what market.matching.cache keeps)."""
    id: int
    score: float
    reasons: tuple
    distance_km: float | None


def suggestions(listing: Listing, limit: int = 10, now=None, min_score: float = 0.0) -> list[Suggestion]:
    """The best complementary public listings for `listing`, best first, each with its reasons."""
    return load(ranked(listing, limit + MARGIN, now, min_score), limit)


def ranked(listing: Listing, limit: int, now=None, min_score: float = 0.0, dismissed=None) -> list[Ranked]:
    """The `limit` best candidates for `listing`, best first (not yet checked public by is_public()).

    Candidates: the SQL ones (same category, opposite kind, within reach, sharing a key word or the
    skill domain) plus the search engine's textually closest (when it answers); each is scored by
    rules.score, the single source of truth for the ranking.
    """
    now = now or utcnow()
    source = facts_of(listing)
    similar = search_bridge.similar_ids(listing, SEARCH_CANDIDATES)
    # with the index's text candidates (any date), SQL only adds the recent ones nearby
    ids = set(candidate_ids(source, listing, CANDIDATES, now, window=None if similar is None else SCAN_WINDOW))
    ids.update(similar or ())
    scored, idf = [], corpus.idf_for(source.category)
    for row in candidate_rows(source, ids, now, dismissed):
        other = facts(row)
        match = rules.score(source, other, now, idf, explain=False)
        if match is not None and match.score >= min_score:
            scored.append((match.score, other))
    scored.sort(key=lambda found: (-found[0], -found[1].id))
    return [_explained(source, other, now, idf) for _score, other in scored[:limit]]


def _explained(source, other, now, idf) -> Ranked:
    """The same score again, with its reasons: worked out only for the candidates kept."""
    match = rules.score(source, other, now, idf)
    return Ranked(other.id, match.score, tuple(match.reasons), match.distance_km)


def load(top: list[Ranked], limit: int, dismissed=frozenset()) -> list[Suggestion]:
    """The listings of `top` that are public now (and not dismissed), best first, at most `limit`.

    Loads a few more than `limit` at first, the rest only if some of those turned out not public."""
    top = [r for r in top if r.id not in dismissed]
    shown, start, size = [], 0, limit + 2
    while len(shown) < limit and start < len(top):
        chunk = top[start:start + size]
        loaded = {item.id: item for item in db.session.scalars(
            sa.select(Listing).where(Listing.id.in_([r.id for r in chunk]))
            .options(joinedload(Listing.organization), joinedload(Listing.author)))}
        shown += [Suggestion(loaded[r.id], r.score, list(r.reasons), r.distance_km) for r in chunk
                  if r.id in loaded and loaded[r.id].is_public()]
        start, size = start + size, len(top)
    return shown[:limit]
