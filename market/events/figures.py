"""The observatory's figures about events: volunteer hours confirmed by the organisers, shifts filled."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.events.models import Attendance, Event, Shift
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section


def _rows(amount):
    def rows(start, end):
        found = db.session.execute(
            sa.select(Shift.starts_at, Event.commune_code, amount).select_from(Attendance)
            .join(Shift, Shift.id == Attendance.shift_id)
            .join(Event, Event.id == Shift.event_id)
            .where(Attendance.attended.is_(True), Shift.starts_at >= start, Shift.starts_at < end)).all()
        return [FigureRow(at, commune, value) for at, commune, value in found]
    return rows


register_section("events", _l("Bénévolat sur les manifestations"), order=50)
register_figure("events.volunteer_hours", "events", _l("Heures de bénévolat confirmées"), _rows(Attendance.minutes),
                unit="minutes", order=10)
register_figure("events.attendances", "events", _l("Présences de bénévoles confirmées"), _rows(sa.literal(1)), order=20)
