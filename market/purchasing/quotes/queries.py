"""Reads of purchases on quotation: current and past lists, one organisation's interest, my interests."""
import sqlalchemy as sa

from market.extensions import db
from market.purchasing.quotes.models import Interest, InterestList
from market.purchasing.quotes.services import phase
from market.types import utcnow

CURRENT = ("collecting", "negotiating", "offered")


def lists() -> tuple[list[InterestList], list[InterestList]]:
    """(current, past): the current ones by deadline, the past ones latest first."""
    items = list(db.session.scalars(sa.select(InterestList).order_by(InterestList.closes_at, InterestList.id)
                                    .limit(200)))
    now = utcnow()
    current = [i for i in items if phase(i, now) in CURRENT]
    past = sorted((i for i in items if phase(i, now) not in CURRENT), key=lambda i: i.closes_at, reverse=True)
    return current, past


def ordered_interests(item: InterestList) -> list[Interest]:
    """Those who accepted first, then the ones still to answer, then those who declined."""
    rank = {"accepted": 0, None: 1, "declined": 2}
    return sorted(item.interests, key=lambda i: (rank[i.answer], i.organization.name.casefold()))


def my_interests(user) -> list[Interest]:
    org_ids = [o.id for o in user.organizations]
    if not org_ids:
        return []
    return list(db.session.scalars(sa.select(Interest).join(InterestList).where(
        Interest.organization_id.in_(org_ids)).order_by(InterestList.closes_at.desc()).limit(50)))


def organised_by(user) -> list[InterestList]:
    """The current lists this person runs (through their organisation, or opened themselves)."""
    from market.purchasing import permissions
    org_ids = [o.id for o in user.organizations]
    stmt = sa.select(InterestList).where(sa.or_(InterestList.created_by_id == user.id,
                                                InterestList.organizer_org_id.in_(org_ids or [-1])))
    now = utcnow()
    return [i for i in db.session.scalars(stmt.order_by(InterestList.closes_at.desc()).limit(50))
            if permissions.can_manage(user, i) and phase(i, now) in CURRENT]
