"""Pure rules of the time bank: the skills referential, the exchange's states, the 72-hour rule, the limits."""
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

BOOK = "timebank"
NETWORK = "network"  # the network's own account: pays the welcome credits, has no limits
SETTLE_AFTER = timedelta(hours=72)

# Coordinators' defaults (minutes), overridable in the app config (MARKET_TIMEBANK_...), per account by a coordinator.
DEFAULT_LIMITS = {"TIMEBANK_HARD_FLOOR": -20 * 60, "TIMEBANK_HARD_CEILING": 100 * 60,
                  "TIMEBANK_SOFT_FLOOR": -10 * 60, "TIMEBANK_SOFT_CEILING": 50 * 60,
                  "TIMEBANK_WELCOME_MINUTES": 0}

SKILLS = {
    "legal": _l("Juridique"), "accounting": _l("Comptabilité"), "communication": _l("Communication et graphisme"),
    "it": _l("Informatique"), "technical": _l("Technique"), "funding": _l("Recherche de financements"),
    "languages": _l("Langues"), "facilitation": _l("Animation"), "other": _l("Autre"),
}
KINDS = {"offer": _l("Je propose"), "ask": _l("Je cherche")}
STATUSES = {"requested": _l("Demandé"), "agreed": _l("Convenu"), "recorded": _l("Heures à confirmer"),
            "credited": _l("Heures comptées"), "contested": _l("Contesté"), "declined": _l("Refusé"),
            "cancelled": _l("Annulé")}

# (state, action) -> (who may, next state). who: "post" = the post's side, "other" = the side that answered,
# "giver" / "receiver" / "either".
TRANSITIONS = {
    ("requested", "accept"): ("post", "agreed"),
    ("requested", "decline"): ("post", "declined"),
    ("requested", "cancel"): ("either", "cancelled"),
    ("agreed", "cancel"): ("either", "cancelled"),
    ("agreed", "record"): ("giver", "recorded"),
    ("recorded", "confirm"): ("receiver", "credited"),
    ("recorded", "contest"): ("receiver", "contested"),
    ("contested", "credit"): ("coordinator", "credited"),
    ("contested", "cancel"): ("coordinator", "cancelled"),
}


def allowed(state: str, action: str, roles: set[str]) -> bool:
    """`roles` are those of the person acting in this exchange: {"post", "giver"}, {"other", "receiver"}..."""
    rule = TRANSITIONS.get((state, action))
    if rule is None:
        return False
    who = rule[0]
    return bool(roles - {"coordinator"}) if who == "either" else who in roles


def next_state(state: str, action: str) -> str:
    return TRANSITIONS[(state, action)][1]


def actions(state: str, roles: set[str]) -> list[str]:
    return [action for (s, action) in TRANSITIONS if s == state and allowed(state, action, roles)]


def sides(post_kind: str) -> tuple[str, str]:
    """(giver, receiver) as "post" / "other": an offer's author gives, an ask's author receives."""
    return ("post", "other") if post_kind == "offer" else ("other", "post")


def due_for_settling(status: str, recorded_at: datetime | None, now: datetime) -> bool:
    """Recorded, not contested, and 72 hours have passed: the hours count as confirmed."""
    return status == "recorded" and recorded_at is not None and now - recorded_at >= SETTLE_AFTER


def settles_at(recorded_at: datetime | None) -> datetime | None:
    return recorded_at + SETTLE_AFTER if recorded_at else None


def format_minutes(minutes: int | None, signed: bool = False) -> str:
    """125 -> "2 h 05", -60 -> "−1 h" (signed: "+1 h" for positive amounts)."""
    if minutes is None:
        return ""
    sign = "\u2212" if minutes < 0 else ("+" if signed and minutes > 0 else "")
    hours, rest = divmod(abs(minutes), 60)
    text = f"{hours} h {rest:02d}" if hours and rest else (f"{hours} h" if hours else f"{rest} min")
    return sign + text
