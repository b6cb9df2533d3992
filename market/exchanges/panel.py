"""The "À accepter" panel of "Mon espace": room bookings and equipment loans waiting for this person's answer."""
import sqlalchemy as sa

from market.exchanges.models import Booking, Conversation, Loan
from market.extensions import db
from market.exchanges.loans import today
from market.types import utcnow

LIMIT = 10


def _owner_side(user):
    """SQL: conversations where this person answers for the listing (directly or through an organisation)."""
    org_ids = [m.organization_id for m in user.memberships]
    return sa.or_(Conversation.owner_org_id.in_(org_ids), Conversation.owner_user_id == user.id)


def requests_to_decide(user) -> tuple[list[Booking], list[Loan]]:
    """Requested bookings not yet begun and requested loans not yet due, oldest request first."""
    bookings = db.session.scalars(
        sa.select(Booking).join(Conversation, Conversation.id == Booking.conversation_id)
        .where(_owner_side(user), Booking.status == "requested", Booking.starts_at > utcnow())
        .order_by(Booking.created_at, Booking.id)).all()
    loans = db.session.scalars(
        sa.select(Loan).join(Conversation, Conversation.id == Loan.conversation_id)
        .where(_owner_side(user), Loan.status == "requested", Loan.due_on >= today())
        .order_by(Loan.created_at, Loan.id)).all()
    return bookings, loans


def to_decide_panel(user) -> dict | None:
    """The panel's context, or None (no panel) when nothing waits for an answer."""
    if not getattr(user, "is_authenticated", False) or user.status != "active":
        return None
    bookings, loans = requests_to_decide(user)
    if not bookings and not loans:
        return None
    return {"bookings": bookings[:LIMIT], "loans": loans[:LIMIT],
            "booking_count": len(bookings), "loan_count": len(loans)}
