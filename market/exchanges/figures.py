"""The observatory's figures about exchanges: bookings, loans and agreements made between members."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.exchanges.models import Agreement, Booking, Loan
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.listings.models import Listing

LOANS_MADE = ("accepted", "picked_up", "returned", "overdue")


def _rows(model, when, statuses, amount=None):
    def rows(start, end):
        found = db.session.execute(
            sa.select(when, Listing.commune_code, amount if amount is not None else sa.literal(1))
            .join(Listing, Listing.id == model.listing_id)
            .where(model.status.in_(statuses), when >= start, when < end)).all()
        return [FigureRow(at, commune, value) for at, commune, value in found]
    return rows


register_section("exchanges", _l("Échanges entre membres"), order=30)
register_figure("exchanges.bookings", "exchanges", _l("Réservations de salles acceptées"),
                _rows(Booking, Booking.decided_at, ("accepted",)), order=10)
register_figure("exchanges.loans", "exchanges", _l("Prêts de matériel acceptés"),
                _rows(Loan, Loan.decided_at, LOANS_MADE), order=20)
register_figure("exchanges.agreements", "exchanges", _l("Coups de main réalisés"),
                _rows(Agreement, Agreement.done_at, ("done",)), order=30)
register_figure("exchanges.agreement_hours", "exchanges", _l("Heures de coups de main réalisées"),
                _rows(Agreement, Agreement.done_at, ("done",), Agreement.minutes), unit="minutes", order=40)
