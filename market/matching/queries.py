"""Reads of matching: the suggestions of a listing, scored by rules.score and ranked."""
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from market.extensions import db
from market.listings.models import Listing
from market.matching import rules, search_bridge
from market.matching.candidates import candidate_ids, candidate_rows, facts, facts_of
from market.types import utcnow

CANDIDATES = 300  # from SQL, scored per request: enough for a good top 10, small enough to stay fast
SEARCH_CANDIDATES = 100  # from the search index (text first, anywhere: distance is checked after)
SCAN_WINDOW = 3000  # newest listings of a category scanned by SQL when the search index answers too
MARGIN = 10  # extra top listings loaded in case some turn out not public (suspended organisation...)

__all__ = ["Suggestion", "facts_of", "suggestions"]


@dataclass
class Suggestion:
    listing: Listing
    score: float
    reasons: list
    distance_km: float | None


def suggestions(listing: Listing, limit: int = 10, now=None, min_score: float = 0.0) -> list[Suggestion]:
    """The best complementary public listings for `listing`, best first, each with its reasons.

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
    scored = []
    for row in candidate_rows(source, ids, now):
        match = rules.score(source, facts(row), now)
        if match is not None and match.score >= min_score:
            scored.append((match, row[0]))
    scored.sort(key=lambda pair: (-pair[0].score, -pair[1]))
    top = scored[:limit + MARGIN]
    loaded = {item.id: item for item in db.session.scalars(
        sa.select(Listing).where(Listing.id.in_([i for _, i in top]))
        .options(selectinload(Listing.organization), selectinload(Listing.author)))}
    shown = [Suggestion(loaded[i], m.score, m.reasons, m.distance_km) for m, i in top
             if i in loaded and loaded[i].is_public()]
    return shown[:limit]
