"""The SQL path: browsing without words (exact and fast), and the fallback while the index is unavailable."""
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from market.extensions import db
from market.listings import queries
from market.listings.models import Listing

FACET_COLUMNS = {"kind": Listing.kind, "category": Listing.category, "terms": Listing.terms,
                 "commune_code": Listing.commune_code}
FILTER_OF_FACET = {"kind": "kind", "category": "category", "terms": "terms", "commune_code": "commune"}


def _ordered(stmt, sort: str):
    if sort == "expiring":
        return stmt.order_by(None).order_by(Listing.expires_at.asc(), Listing.id.asc())
    return stmt  # public_listings is newest first already


def facet_counts(filters: dict) -> dict[str, dict[str, int]]:
    """For each facet, the counts under every other filter (so other values stay reachable)."""
    out = {}
    for facet, column in FACET_COLUMNS.items():
        dropped = FILTER_OF_FACET[facet]
        others = {k: v for k, v in filters.items() if k != dropped and not (dropped == "commune" and k == "radius_km")}
        # one GROUP BY over the filtered public listings (no IN over a subquery of ids)
        stmt = (queries.public_listings(others).order_by(None)
                .with_only_columns(column, sa.func.count(), maintain_column_froms=True)
                .group_by(column).order_by(sa.func.count().desc(), column))
        out[facet] = {value: n for value, n in db.session.execute(stmt) if value}
    return out


def search(filters: dict, page: int, per_page: int, sort: str):
    """(listings of the page, total, facets) by SQL; `q` words are matched with LIKE."""
    stmt = _ordered(queries.public_listings(filters), sort)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())) or 0
    items = list(db.session.scalars(stmt.options(selectinload(Listing.organization), selectinload(Listing.author))
                                    .limit(per_page).offset((page - 1) * per_page)))
    return items, total, facet_counts(filters)
