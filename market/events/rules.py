"""Pure rules of events: a shift's period in Paris time, overlaps, hours, reminders, valuation."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MAX_SHIFT_MINUTES = 24 * 60
MAX_CAPACITY = 10_000
OFFER_FOR = timedelta(hours=24)  # the next in line confirms a freed place within this delay
MIN_OFFER = timedelta(hours=1)


def period(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The shift's start and end as aware UTC datetimes, from a Paris day and wall-clock times.

    An end at or before the start is the next morning (a night shift, 22:00–02:00)."""
    starts = datetime.combine(day, start, tzinfo=PARIS)
    ends = datetime.combine(day if end > start else day + timedelta(days=1), end, tzinfo=PARIS)
    return starts.astimezone(timezone.utc), ends.astimezone(timezone.utc)


def minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def check_shift(start: datetime, end: datetime, capacity: int | None, now: datetime) -> list[str]:
    """Codes of what is wrong with a new shift ([] when it can be added)."""
    problems = []
    if start <= now:
        problems.append("start_in_past")
    if minutes(start, end) > MAX_SHIFT_MINUTES:
        problems.append("too_long")
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        problems.append("capacity")
    return problems


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two periods share some time (one ending at 12:00 and one starting at 12:00 do not)."""
    return a_start < b_end and b_start < a_end


def first_clash(start: datetime, end: datetime, others):
    """The first of `others` (objects with starts_at and ends_at), by start, that overlaps; None if none."""
    for other in sorted(others, key=lambda o: o.starts_at):
        if overlaps(start, end, other.starts_at, other.ends_at):
            return other
    return None


def offer_for(shift_start: datetime, now: datetime) -> timedelta:
    """How long a freed place waits for the next in line: OFFER_FOR, less when the shift is near."""
    left = shift_start - now
    return max(min(OFFER_FOR, left / 2), MIN_OFFER)


def day_start(day: date) -> datetime:
    """Midnight of a Paris day, as aware UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=PARIS).astimezone(timezone.utc)


def paris_day(dt: datetime) -> date:
    return dt.astimezone(PARIS).date()


def valuation_cents(total_minutes: int, hourly_cents: int) -> int:
    """Hours × an hourly rate, in cents, rounded half up (the method is written next to the figure)."""
    return (total_minutes * hourly_cents + 30) // 60


def hours_text(total_minutes: int) -> str:
    """'4 h', '1 h 30', '0 h 45' (a figure for tables and CSV files)."""
    hours, rest = divmod(int(total_minutes), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def hours_input(total_minutes: int) -> str:
    """What the hours field shows: '4', '3h30' (read back by parse_hours)."""
    hours, rest = divmod(int(total_minutes), 60)
    return f"{hours}h{rest:02d}" if rest else str(hours)


def parse_hours(text: str) -> int | None:
    """'4', '3,5', '3.5', '3h30', '3 h 30' -> minutes; None when unreadable or outside 0–24 h."""
    text = (text or "").strip().lower().replace(" ", "")
    hours, sep, rest = text.partition("h")
    try:
        value = float(hours.replace(",", ".")) if hours else (0.0 if sep else None)
        extra = int(rest) if rest else 0
    except ValueError:
        return None
    if value is None or value != value or not 0 <= extra < 60 or (rest and not float(value).is_integer()):
        return None
    total = round(value * 60) + extra
    return total if 0 <= total <= MAX_SHIFT_MINUTES else None
