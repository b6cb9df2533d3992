"""How a shift is named to people: its role, its Paris day and hours, its event."""
from flask_babel import gettext as _

from market.exchanges.base import span


def shift_label(shift) -> str:
    """'« buvette », samedi 13 juin 2026 de 11:00 à 15:00 (Course cycliste)'."""
    return _("« %(role)s », %(when)s (%(event)s)", role=shift.role, when=span(shift.starts_at, shift.ends_at),
             event=shift.event.title)


def shift_hours(shift) -> str:
    """'de 08:00 à 12:00' when the shift starts and ends the same Paris day, else its whole span."""
    from flask_babel import format_datetime

    from market.events.rules import paris_day
    if paris_day(shift.starts_at) != paris_day(shift.ends_at):
        return span(shift.starts_at, shift.ends_at)
    return _("de %(start)s à %(end)s", start=format_datetime(shift.starts_at, "HH:mm"),
             end=format_datetime(shift.ends_at, "HH:mm"))


def event_day(dt) -> str:
    """'dimanche 20 décembre 2026', Paris time."""
    from flask_babel import format_datetime
    return format_datetime(dt, "EEEE d MMMM y")
