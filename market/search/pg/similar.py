"""'Similar' on PostgreSQL: the listing's 10 most distinctive lexemes (tf-idf, the title counted
twice as in whoosh), then the public listings of its category sharing most of them, newest first
among equals. Matching takes its text candidates from here (market/matching/search_bridge.py).

Unlike whoosh's bitsets, PostgreSQL scores each candidate row: a candidate must share one of the
3 rarest key words that other listings have (not merely any of the 10, which common words would
make thousands)."""
import math

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.search.pg.schema import CONFIG
from market.search.pg.sql import LISTING_VECTOR, matches
from market.search.pg.words import quote

KEY_TERMS = 10
ANCHORS = 3


# whoosh's text for key terms: the title twice, tags, amenities, description (no labels, no names)
KEY_TEXT = (f"SELECT setweight(to_tsvector('{CONFIG}', title), 'A') "
            f"|| to_tsvector('{CONFIG}', tags || ' ' || amenities || ' ' || description) FROM listings WHERE id = :id")


def key_lexemes(listing_id: int, n: int = KEY_TERMS) -> list[tuple[str, int]]:
    """The listing's most distinctive lexemes, with the number of listings having each:
    occurrences (title twice) times log(N / documents with it)."""
    rows = db.session.execute(sa.text(
        "SELECT v.lexeme, coalesce(array_length(v.positions, 1), 1) "
        "       + coalesce(array_length(array_positions(v.weights, 'A'), 1), 0), s.ndoc "
        f"FROM unnest(({KEY_TEXT})) AS v LEFT JOIN search_lexemes s ON s.lexeme = v.lexeme"),
        {"id": listing_id}).all()
    total = max(db.session.scalar(sa.text("SELECT reltuples FROM pg_class WHERE oid = 'listings'::regclass")) or 0,
                max((ndoc or 0 for _l, _tf, ndoc in rows), default=0) + 1)
    scored = sorted(((-tf * math.log(1 + total / max(ndoc or 1, 1)), lexeme, ndoc or 0) for lexeme, tf, ndoc in rows
                     if len(lexeme) > 1 and not lexeme.isdigit()))
    return [(lexeme, ndoc) for _score, lexeme, ndoc in scored[:n]]


def similar_listing_ids(listing, limit: int = 4, kind: str | None = None) -> list[int]:
    """Ids of public listings of the same category sharing its key words, best first (never itself)."""
    if listing.id is None:
        return []
    keyed = key_lexemes(listing.id)
    if not keyed:
        return []
    shared_by_others = [kn for kn in keyed if kn[1] >= 2]  # the vocabulary counts the listing itself
    anchors = [k for k, _n in sorted(shared_by_others, key=lambda kn: (kn[1], kn[0]))[:ANCHORS]] or [
        k for k, _n in keyed]
    shared = sum(sa.cast(matches(LISTING_VECTOR, quote(k)), sa.Integer) for k, _ndoc in keyed)
    stmt = (sa.select(Listing.id).where(public_condition(), Listing.category == listing.category,
                                        Listing.id != listing.id,
                                        matches(LISTING_VECTOR, " | ".join(quote(k) for k in anchors)))
            .order_by(shared.desc(), Listing.published_at.desc(), Listing.id.desc()).limit(limit))
    if kind:
        stmt = stmt.where(Listing.kind == kind)
    return list(db.session.scalars(stmt))
