"""The coordinators' settings of the time bank: the welcome credit and limits of new accounts, the workshops' rule.
Without a saved row, the application's configuration (MARKET_TIMEBANK_...) or the defaults of rules.py apply."""
from flask import current_app
from flask_babel import gettext as _

from market.exchanges.base import FieldsRefused, NotAllowed
from market.extensions import db
from market.timebank import permissions, rules
from market.timebank.models import TimebankSettings
from market.types import utcnow

FIELDS = {"welcome_minutes": "TIMEBANK_WELCOME_MINUTES", "hard_floor": "TIMEBANK_HARD_FLOOR",
          "soft_floor": "TIMEBANK_SOFT_FLOOR", "soft_ceiling": "TIMEBANK_SOFT_CEILING",
          "hard_ceiling": "TIMEBANK_HARD_CEILING"}


def _row() -> TimebankSettings | None:
    return db.session.scalar(db.select(TimebankSettings).order_by(TimebankSettings.id).limit(1))


def current() -> TimebankSettings:
    """The saved settings, or an unsaved object holding the configured defaults."""
    row = _row()
    if row is not None:
        return row
    values = {name: current_app.config.get(key, rules.DEFAULT_LIMITS[key]) for name, key in FIELDS.items()}
    values["welcome_minutes"] = values["welcome_minutes"] or 0
    return TimebankSettings(workshop_rule=current_app.config.get("TIMEBANK_WORKSHOP_RULE", "per_attendee"), **values)


def save(actor, welcome_minutes: int, hard_floor, soft_floor, soft_ceiling, hard_ceiling,
         workshop_rule: str) -> TimebankSettings:
    """For the accounts opened from now on (existing accounts keep their limits, a coordinator changes each)."""
    if not permissions.can_correct(actor):
        raise NotAllowed()
    problems = []
    if hard_floor is not None and hard_ceiling is not None and hard_floor > hard_ceiling:
        problems.append(("hard_floor", _("Le plancher doit être inférieur au plafond.")))
    if hard_floor is not None and soft_floor is not None and soft_floor < hard_floor:
        problems.append(("soft_floor", _("Le seuil d'alerte bas doit être au-dessus du plancher.")))
    if hard_ceiling is not None and soft_ceiling is not None and soft_ceiling > hard_ceiling:
        problems.append(("soft_ceiling", _("Le seuil d'alerte haut doit être sous le plafond.")))
    if hard_ceiling is not None and welcome_minutes > hard_ceiling:
        problems.append(("welcome", _("Le crédit de bienvenue dépasse le plafond des comptes.")))
    if workshop_rule not in rules.WORKSHOP_RULES:
        problems.append(("workshop_rule", _("Choisissez une règle pour les ateliers.")))
    if problems:
        raise FieldsRefused(problems)
    row = _row()
    if row is None:
        row = TimebankSettings()
        db.session.add(row)
    row.welcome_minutes, row.hard_floor, row.soft_floor = welcome_minutes or 0, hard_floor, soft_floor
    row.soft_ceiling, row.hard_ceiling, row.workshop_rule = soft_ceiling, hard_ceiling, workshop_rule
    row.updated_by_id, row.updated_at = actor.id, utcnow()
    db.session.flush()
    return row
