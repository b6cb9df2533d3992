"""When nothing matches: listings of the same category nearby, said as such, and who coordinates."""
import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_listings
from market.matching import rules
from market.matching.candidates import dismissed_ids, facts_of
from market.matching.nearby import nearby_codes
from market.matching.queries import Suggestion

RADIUS_FACTOR = 2  # twice the usual reach: "nearby" is wider than a match
SCAN = 30  # newest listings of the category looked at


def nearby(listing: Listing, limit: int = 3) -> list[Suggestion]:
    """Public listings of the same category and the other kind within twice the usual radius,
    nearest first, minus the ones its owners dismissed (score 0: they are not matches, their
    reasons say what they are)."""
    source, exclude = facts_of(listing), dismissed_ids(listing.id)
    stmt = public_listings({"kind": "offer" if listing.kind == "need" else "need", "category": listing.category})
    radius = RADIUS_FACTOR * (source.radius_km or rules.DEFAULT_RADIUS_KM.get(listing.category, 30))
    codes = nearby_codes(listing.commune_code, radius)
    if codes is not None and not (listing.category == "skill" and listing.remote):
        stmt = stmt.where(Listing.commune_code.in_(codes))
    found = []
    for item in db.session.scalars(stmt.where(Listing.id != listing.id).limit(SCAN)):
        if item.id in exclude or not item.is_public():
            continue
        km, reasons = rules.nearby_reasons(source, facts_of(item))
        if reasons is not None:
            found.append(Suggestion(item, 0.0, reasons, km))
    found.sort(key=lambda s: (s.distance_km is None, s.distance_km or 0))
    return found[:limit]


def coordinators(limit: int = 2) -> list[User]:
    """The network's coordinators, to put a member in touch when the platform finds nobody."""
    return list(db.session.scalars(sa.select(User).where(User.is_coordinator.is_(True), User.status == "active")
                                   .order_by(User.id).limit(limit)))
