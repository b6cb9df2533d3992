"""What every exchange service shares: its errors, text cleaning, the acting side, dates for people."""
from contextlib import contextmanager

from flask_babel import format_date, format_datetime, gettext as _, ngettext
from sqlalchemy.exc import OperationalError

from market.exchanges import permissions, rules
from market.forms import strip_invisible


class NotAllowed(PermissionError):
    """The actor may not do this (outside the conversation, wrong side)."""


class ExchangeRefused(ValueError):
    """A request or decision that cannot apply as things are; `reasons` are sentences for the person."""

    def __init__(self, *reasons):
        super().__init__(" ".join(str(r) for r in reasons))
        self.reasons = [str(r) for r in reasons]


class FieldsRefused(ExchangeRefused):
    """A request whose fields break the rules; `by_field`: (form field name, sentence) pairs."""

    def __init__(self, by_field):
        super().__init__(*(sentence for _field, sentence in by_field))
        self.by_field = list(by_field)


@contextmanager
def busy_database():
    """A write that waited too long for another one (SQLite lock timeout, PostgreSQL deadlock): refuse
    politely; the caller rolls back and the person tries again."""
    try:
        yield
    except OperationalError as exc:
        raise ExchangeRefused(_("Trop de demandes au même moment sur ce créneau : réessayez dans un instant.")) from exc


def clean_text(text, limit: int = 5000) -> str:
    """Trim, drop control characters (tabs and newlines kept), normalise line ends, cap the length."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    text = strip_invisible(text)  # bidirectional controls and zero-width characters, as in every form
    return text.strip()[:limit]


def required_text(text, message, limit: int = 2000) -> str:
    text = clean_text(text, limit)
    if not text:
        raise ExchangeRefused(message)
    return text


def acting_side(actor, exchange_or_conversation) -> str:
    conversation = getattr(exchange_or_conversation, "conversation", exchange_or_conversation)
    side = permissions.side_of(actor, conversation)
    if side is None:
        raise NotAllowed()
    return side


def ensure(machine: str, exchange, action: str, side: str) -> None:
    """Refuse now: NotAllowed for the wrong side, ExchangeRefused when the state no longer allows it."""
    if (exchange.status, action) not in rules.MACHINES[machine]:
        raise ExchangeRefused(_("Cette action n'est plus possible : la demande a changé d'état entre-temps."))
    if not rules.allowed(machine, exchange.status, action, side, getattr(exchange, "proposed_by_side", None)):
        raise NotAllowed()


def move(machine: str, exchange, action: str, side: str) -> None:
    """Apply one transition of the state machine (after `ensure`)."""
    ensure(machine, exchange, action, side)
    exchange.status = rules.next_state(machine, exchange.status, action, side,
                                       getattr(exchange, "proposed_by_side", None))


def other_side(side: str) -> str:
    return "requester" if side == "owner" else "owner"


def when(dt) -> str:
    """'vendredi 12 décembre 2025 à 18:00' in Paris time."""
    return _("%(day)s à %(time)s", day=format_datetime(dt, "EEEE d MMMM y"), time=format_datetime(dt, "HH:mm"))


def span(start, end) -> str:
    """'vendredi 12 décembre 2025 de 18:00 à 20:00' (or two full dates across days)."""
    if start.astimezone(rules.PARIS).date() == end.astimezone(rules.PARIS).date():
        return _("%(day)s de %(start)s à %(end)s", day=format_datetime(start, "EEEE d MMMM y"),
                 start=format_datetime(start, "HH:mm"), end=format_datetime(end, "HH:mm"))
    return _("du %(start)s au %(end)s", start=when(start), end=when(end))


def day(d) -> str:
    return format_date(d, "EEEE d MMMM y")


def duration(minutes: int) -> str:
    """'2 heures', '1 h 30', '45 minutes', '3 jours', '0 h'."""
    if not minutes:
        return _("0 h")
    if minutes >= 1440 and not minutes % 1440:
        return ngettext("%(num)d jour", "%(num)d jours", minutes // 1440)
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("%(num)d heure", "%(num)d heures", hours)
    if not hours:
        return ngettext("%(num)d minute", "%(num)d minutes", rest)
    return _("%(hours)d h %(minutes)02d", hours=hours, minutes=rest)
