"""'Similar' on PostgreSQL: the listing's 10 most distinctive lexemes (tf-idf, the title counted
twice as in whoosh), then the public listings of its category sharing most of them, newest first
among equals. Matching takes its text candidates from here (market/matching/search_bridge.py)."""
import math

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.search.pg.schema import CONFIG
from market.search.pg.sql import LISTING_VECTOR, matches
from market.search.pg.words import quote

KEY_TERMS = 10


# whoosh's text for key terms: the title twice, tags, amenities, description (no labels, no names)
KEY_TEXT = (f"SELECT setweight(to_tsvector('{CONFIG}', title), 'A') "
            f"|| to_tsvector('{CONFIG}', tags || ' ' || amenities || ' ' || description) FROM listings WHERE id = :id")


def key_lexemes(listing_id: int, n: int = KEY_TERMS) -> list[str]:
    """The listing's most distinctive lexemes: occurrences (title twice) times log(N / documents with it)."""
    rows = db.session.execute(sa.text(
        "SELECT v.lexeme, coalesce(array_length(v.positions, 1), 1) "
        "       + coalesce(array_length(array_positions(v.weights, 'A'), 1), 0), s.ndoc "
        f"FROM unnest(({KEY_TEXT})) AS v LEFT JOIN search_lexemes s ON s.lexeme = v.lexeme"),
        {"id": listing_id}).all()
    total = max(db.session.scalar(sa.text("SELECT reltuples FROM pg_class WHERE oid = 'listings'::regclass")) or 0,
                max((ndoc or 0 for _l, _tf, ndoc in rows), default=0) + 1)
    scored = sorted(((-tf * math.log(1 + total / max(ndoc or 1, 1)), lexeme) for lexeme, tf, ndoc in rows
                     if len(lexeme) > 1 and not lexeme.isdigit()))
    return [lexeme for _score, lexeme in scored[:n]]


def similar_listing_ids(listing, limit: int = 4, kind: str | None = None) -> list[int]:
    """Ids of public listings of the same category sharing its key words, best first (never itself)."""
    if listing.id is None:
        return []
    keys = key_lexemes(listing.id)
    if not keys:
        return []
    shared = sum(sa.cast(matches(LISTING_VECTOR, quote(k)), sa.Integer) for k in keys)
    stmt = (sa.select(Listing.id).where(public_condition(), Listing.category == listing.category,
                                        Listing.id != listing.id,
                                        matches(LISTING_VECTOR, " | ".join(quote(k) for k in keys)))
            .order_by(shared.desc(), Listing.published_at.desc(), Listing.id.desc()).limit(limit))
    if kind:
        stmt = stmt.where(Listing.kind == kind)
    return list(db.session.scalars(stmt))
