"""Pure rules of the time bank: the exchange's states, the 72-hour rule, the limits, the workshops' rule."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from market.splits import equal_split

PARIS = ZoneInfo("Europe/Paris")
BOOK = "timebank"
NETWORK = "network"  # the network's own account: pays the welcome credits, has no limits
SETTLE_AFTER = timedelta(hours=72)

# Coordinators' defaults (minutes), overridable in the app config (MARKET_TIMEBANK_...), per account by a coordinator.
DEFAULT_LIMITS = {"TIMEBANK_HARD_FLOOR": -20 * 60, "TIMEBANK_HARD_CEILING": 100 * 60,
                  "TIMEBANK_SOFT_FLOOR": -10 * 60, "TIMEBANK_SOFT_CEILING": 50 * 60,
                  "TIMEBANK_WELCOME_MINUTES": 0}

KINDS = {"offer": _l("Je propose"), "ask": _l("Je cherche")}
STATUSES = {"waiting": _l("Sur liste d'attente"), "requested": _l("Demandé"), "agreed": _l("Convenu"),
            "recorded": _l("Heures à confirmer"), "credited": _l("Heures comptées"), "contested": _l("Contesté"),
            "declined": _l("Refusé"), "cancelled": _l("Annulé")}
MAX_SLOTS = 50

# (state, action) -> (who may, next state). who: "post" = the post's side, "other" = the side that answered,
# "giver" / "receiver" / "either".
TRANSITIONS = {
    ("waiting", "take"): ("other", "requested"),  # a freed slot offered to the next in line, who takes it
    ("waiting", "cancel"): ("either", "cancelled"),
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
    """125 -> "2 h 05", -60 -> "−1 h", 0 -> "0 h" (signed: "+1 h" for positive amounts)."""
    if minutes is None:
        return ""
    if minutes == 0:
        return "0 h"
    sign = "\u2212" if minutes < 0 else ("+" if signed and minutes > 0 else "")
    hours, rest = divmod(abs(minutes), 60)
    text = f"{hours} h {rest:02d}" if hours and rest else (f"{hours} h" if hours else f"{rest} min")
    return sign + text


# Workshops ---------------------------------------------------------------------------------------------------

MAX_SEATS = 500
WORKSHOP_RULES = {
    "per_attendee": _l("Chaque participant·e paie la durée de l'atelier ; l'animateur·rice gagne la durée "
                       "multipliée par le nombre de participant·es."),
    "shared": _l("Les participant·es se partagent la durée de l'atelier ; l'animateur·rice gagne la durée une fois."),
}
SEAT_STATUSES = {"booked": _l("Inscrit·e"), "recorded": _l("Heures à confirmer"), "credited": _l("Heures comptées"),
                 "contested": _l("Contesté"), "absent": _l("Absent·e"), "cancelled": _l("Annulé")}
SEAT_OFFER_FOR = timedelta(hours=24)  # the next in line confirms a freed seat within this delay
SEAT_MIN_OFFER = timedelta(hours=1)


def workshop_shares(minutes: int, attendees: int, rule: str) -> list[int]:
    """The minutes each attendee's account pays the provider's, in attendance order; the provider gains their sum.

    "per_attendee" (the default): each pays the workshop's duration, so the provider gains it times the attendees.
    "shared": the attendees split the duration by the largest remainder (parts differ by one minute at most,
    and add up to it exactly); a share of zero (more attendees than minutes) pays nothing."""
    if attendees <= 0 or minutes <= 0:
        return []
    if rule == "shared":
        return equal_split(minutes, attendees)
    if rule != "per_attendee":
        raise ValueError(f"unknown workshop rule {rule!r}")
    return [minutes] * attendees


def seat_offer_for(starts_at: datetime, now: datetime) -> timedelta:
    """How long a freed seat waits for the next in line: a day, less when the workshop is near (half the time
    left, at least an hour)."""
    return max(min(SEAT_OFFER_FOR, (starts_at - now) / 2), SEAT_MIN_OFFER)


def can_cancel_seat(hold_status: str, starts_at: datetime, now: datetime, notice_hours: int) -> bool:
    """A place in line can always be left; a seat held or offered up to the notice the provider set."""
    if hold_status == "waiting":
        return now < starts_at
    return hold_status in ("held", "offered") and now <= starts_at - timedelta(hours=notice_hours)


def tomorrow_window(now: datetime) -> tuple[datetime, datetime]:
    """Tomorrow in Paris, as aware UTC [start, end): the workshops whose members get the day-before reminder."""
    tomorrow = now.astimezone(PARIS).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(0), tzinfo=PARIS)
    end = datetime.combine(tomorrow + timedelta(days=1), time(0), tzinfo=PARIS)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def period(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """A workshop's start and end as aware UTC, from a Paris day and wall-clock times (end on the same day)."""
    return (datetime.combine(day, start, tzinfo=PARIS).astimezone(timezone.utc),
            datetime.combine(day, end, tzinfo=PARIS).astimezone(timezone.utc))
