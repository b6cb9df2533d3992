"""How a shift is named to people: its role, its Paris day and hours, its event."""
from flask_babel import gettext as _

from market.exchanges.base import span


def shift_label(shift) -> str:
    """'« buvette », samedi 13 juin 2026 de 11:00 à 15:00 (Course cycliste)'."""
    return _("« %(role)s », %(when)s (%(event)s)", role=shift.role, when=span(shift.starts_at, shift.ends_at),
             event=shift.event.title)
