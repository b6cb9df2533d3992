"""Reads the API needs beyond the pages' own queries: public listing counts per organisation."""
import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_condition


def public_listing_counts(organization_ids) -> dict[int, int]:
    """{organization id: number of public listings}, in one query for a whole page."""
    ids = list(organization_ids)
    if not ids:
        return {}
    stmt = (sa.select(Listing.organization_id, sa.func.count(Listing.id))
            .where(public_condition(), Listing.organization_id.in_(ids))
            .group_by(Listing.organization_id))
    return {org_id: count for org_id, count in db.session.execute(stmt)}
