"""Pure rules of the membership: sizes, ways of paying, the year's status, the renewal season, what is owed."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

PARIS = ZoneInfo("Europe/Paris")
BOOK = "membership"       # the ledger's book of fees
NETWORK = "network"       # the ledger account that receives them
FIRST_YEAR, LAST_YEAR = 2000, 2200

# Size of a structure, by its salaried staff (the fee schedule has one amount per type and size)
SIZES = {"none": _l("Sans salarié"), "small": _l("1 à 9 salariés"), "medium": _l("10 à 49 salariés"),
         "large": _l("50 salariés et plus")}
METHODS = {"cash": _l("Espèces"), "cheque": _l("Chèque"), "transfer": _l("Virement")}
PAID_UP, PENDING, EXPIRED, NONE = "paid_up", "pending", "expired", "none"
STATUSES = {PAID_UP: _l("À jour"), PENDING: _l("En attente"), EXPIRED: _l("Expirée"), NONE: _l("Non adhérente")}

REMIND_BEFORE = timedelta(days=31)  # the renewal reminders start a month before the year
GRACE_MONTH, GRACE_DAY = 3, 31      # last year's membership still counts until the end of March


def grace_end(year: int) -> date:
    """The last day on which the previous year's membership still counts."""
    return date(year, GRACE_MONTH, GRACE_DAY)


def reminders_open(year: int) -> date:
    return date(year, 1, 1) - REMIND_BEFORE


def renewal_year(today: date) -> int:
    """The year members are asked to pay for: next year from December, else this one."""
    return today.year + 1 if today >= reminders_open(today.year + 1) else today.year


def in_reminder_season(year: int, today: date) -> bool:
    """From a month before the year until the end of its grace period."""
    return reminders_open(year) <= today <= grace_end(year)


def status(year: int, today: date, paid_up: bool, renewing: bool, opened: bool) -> str:
    """The status of one structure for one year.

    paid_up: its fee for the year is paid; renewing: it was paid up the year before; opened: it asked to join
    for that year (or was reminded, or a payment was recorded)."""
    if paid_up:
        return PAID_UP
    if today.year > year:
        return EXPIRED if (opened or renewing) else NONE
    if renewing:
        return PENDING if today <= grace_end(year) else EXPIRED
    return PENDING if opened else NONE


def has_rights(today: date, paid_up_this_year: bool, paid_up_last_year: bool, paid_up_next_year: bool = False) -> bool:
    """What membership opens: paid for this year; or paid last year, within the grace period; or, from
    December, paid for next year (a structure joining in December is a member at once)."""
    return (paid_up_this_year or (paid_up_last_year and today <= grace_end(today.year))
            or (paid_up_next_year and renewal_year(today) == today.year + 1))


def owed(due: int | None, paid: int) -> int | None:
    """What is left to pay (never below zero); None while the fee is not known."""
    return None if due is None else max(due - paid, 0)


def is_paid_up(due: int | None, paid: int) -> bool:
    return due is not None and paid >= due


def fee(rates: dict, structure_type: str, size: str | None) -> int | None:
    """The fee of a type and size in a year's schedule {(type, size): cents}; None when not set."""
    return rates.get((structure_type, size)) if size else None


def day_moment(day: date) -> datetime:
    """A day as an instant (noon in Paris): when a payment handed over that day is counted."""
    return datetime.combine(day, time(12), PARIS)


def year_of_period_end(end: datetime) -> int:
    """The year of the last day of a period that stops (excluded) at `end`."""
    return (end.astimezone(PARIS) - timedelta(microseconds=1)).year


def ledger_source(organization_id: int, year: int) -> str:
    """The entries of one structure's fees for one year (a correction keeps its entry's source)."""
    return f"membership:{organization_id}:{year}"
