"""Pure rules of exchanges: state machines, opening hours, booking slots, stock by date, deposits."""
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
SLOT_MINUTES = 15
MAX_LOAN_DAYS = 92
MAX_BOOKING_DAYS = 7  # the longest a room can be booked (the longest "durée maximale" a room can choose)
BOOKING_AHEAD_DAYS = 2 * 365  # how far ahead a booking or a loan can be asked for
DEFAULT_HOURS = {str(day): [[8 * 60, 22 * 60]] for day in range(7)}

# (state, action) -> (next state, who may do it). "owner": the side of the listing;
# "requester": the person (or organisation) who asked; "either": both; "system": the reminder command.
BOOKING = {
    ("requested", "accept"): ("accepted", "owner"),
    ("requested", "decline"): ("declined", "owner"),
    ("requested", "cancel"): ("cancelled", "requester"),
    ("accepted", "cancel"): ("cancelled", "either"),
}
LOAN = {
    ("requested", "accept"): ("accepted", "owner"),
    ("requested", "decline"): ("declined", "owner"),
    ("requested", "cancel"): ("cancelled", "requester"),
    ("accepted", "cancel"): ("cancelled", "either"),
    ("accepted", "pick_up"): ("picked_up", "owner"),
    ("picked_up", "return"): ("returned", "owner"),
    ("picked_up", "mark_overdue"): ("overdue", "system"),
    ("overdue", "return"): ("returned", "owner"),
}
AGREEMENT = {
    ("proposed", "confirm"): ("confirmed", "counterpart"),
    ("proposed", "cancel"): ("cancelled", "either"),
    ("confirmed", "mark_done"): ("confirmed", "either"),  # "done" once both sides have marked it
    ("confirmed", "cancel"): ("cancelled", "either"),
}
MACHINES = {"booking": BOOKING, "loan": LOAN, "agreement": AGREEMENT}

# Loans in these states hold units of stock; accepted bookings hold their slots.
HOLDING_LOAN_STATES = ("accepted", "picked_up", "overdue")


class TransitionRefused(ValueError):
    def __init__(self, machine, state, action, side):
        super().__init__(f"{machine}: {action!r} by {side!r} is not allowed from {state!r}")
        self.machine, self.state, self.action, self.side = machine, state, action, side


def allowed(machine: str, state: str, action: str, side: str | None, proposer: str | None = None) -> bool:
    entry = MACHINES[machine].get((state, action))
    if entry is None or side is None:
        return False
    who = entry[1]
    if who == "either":
        return side in ("owner", "requester")
    if who == "counterpart":
        return side in ("owner", "requester") and side != proposer
    return who == side


def next_state(machine: str, state: str, action: str, side: str | None, proposer: str | None = None) -> str:
    if not allowed(machine, state, action, side, proposer):
        raise TransitionRefused(machine, state, action, side)
    return MACHINES[machine][(state, action)][0]


def actions_for(machine: str, state: str, side: str | None, proposer: str | None = None) -> list[str]:
    return [action for (s, action) in MACHINES[machine] if s == state and allowed(machine, s, action, side, proposer)]


def agreement_status_after_done(owner_done: bool, requester_done: bool) -> str:
    return "done" if owner_done and requester_done else "confirmed"


# Opening hours ---------------------------------------------------------------------------------

_TIME = r"(\d{1,2})\s*(?:[h:]\s*(\d{2})?)?"
_RANGE = re.compile(rf"^\s*{_TIME}\s*[-–à]\s*{_TIME}\s*$")


class HoursRefused(ValueError):
    """Readable hours that make no opening: `reason` is "order" (end before start) or "overlap"."""

    def __init__(self, part, reason):
        super().__init__(part)
        self.part, self.reason = part.strip(), reason


def _minutes(hours, mins) -> int:
    h, m = int(hours), int(mins or 0)
    if m >= 60 or h > 24 or (h == 24 and m):
        raise ValueError(f"{hours}:{mins}")
    return h * 60 + m


def parse_hours(text: str) -> list[list[int]]:
    """'9h-12h, 14:00-22:00' -> [[540, 720], [840, 1320]]; '' -> [] (closed). ValueError when unreadable."""
    ranges = []
    for part in re.split(r"[,;/]| et ", text or ""):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        if not match:
            raise ValueError(part)
        start, end = _minutes(*match.group(1, 2)), _minutes(*match.group(3, 4))
        if end <= start:
            raise HoursRefused(part, "order")
        ranges.append([start, end])
    ranges.sort()
    for (_a, b), (c, _d) in zip(ranges, ranges[1:]):
        if c < b:
            raise HoursRefused(format_hours([[_a, b], [c, _d]]), "overlap")
    return ranges


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_hours(ranges) -> str:
    return ", ".join(f"{format_minutes(a)}-{format_minutes(b)}" for a, b in ranges or [])


def parse_dates(text: str) -> list[date]:
    """'25/12/2026, 2027-01-01' -> dates (day first, or ISO). ValueError when unreadable."""
    out = []
    for part in re.split(r"[,;\s]+", text or ""):
        if not part:
            continue
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part):
            out.append(date.fromisoformat(part))
        else:
            match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", part)
            if not match:
                raise ValueError(part)
            out.append(date(int(match.group(3)), int(match.group(2)), int(match.group(1))))
    return sorted(set(out))


# Booking a room ------------------------------------------------------------------------------------

@dataclass
class RoomRules:
    opening_hours: dict = field(default_factory=lambda: dict(DEFAULT_HOURS))
    min_minutes: int = 60
    max_minutes: int = 720
    buffer_minutes: int = 0
    notice_hours: int = 48
    closed_dates: frozenset = frozenset()
    available_from: date | None = None
    available_until: date | None = None

    def hours_of(self, weekday: int) -> list:
        return self.opening_hours.get(str(weekday), [])


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=PARIS)


def _local_days(start: datetime, end: datetime):
    """The local (Paris) days a period touches, each with the part of the period inside it."""
    day = start.astimezone(PARIS).date()
    while local_day_start(day) < end:
        next_day = day + timedelta(days=1)
        yield day, max(start, local_day_start(day)), min(end, local_day_start(next_day))
        day = next_day


def _inside_opening(day: date, piece_start: datetime, piece_end: datetime, ranges) -> bool:
    for a, b in ranges:
        open_at = local_day_start(day) + timedelta(minutes=a) if a < 1440 else local_day_start(day + timedelta(days=1))
        close_at = local_day_start(day) + timedelta(minutes=b) if b < 1440 else local_day_start(day + timedelta(days=1))
        if open_at <= piece_start and piece_end <= close_at:
            return True
    return False


def check_booking(rules: RoomRules, start: datetime, end: datetime, now: datetime) -> list[tuple[str, dict]]:
    """Why a requested period cannot be booked, as (code, parameters); [] when it fits the room's rules."""
    start, end = to_utc(start), to_utc(end)  # arithmetic on Paris wall clocks would be wrong on DST nights
    if end <= start:
        return [("end_before_start", {})]
    problems = []
    if start.minute % SLOT_MINUTES or end.minute % SLOT_MINUTES or start.second or end.second:
        problems.append(("quarter_hours", {}))
    if start <= now:
        problems.append(("in_past", {}))
    minutes = int((end - start).total_seconds() // 60)
    if minutes < rules.min_minutes:
        problems.append(("too_short", {"minutes": rules.min_minutes}))
    if minutes > min(rules.max_minutes, MAX_BOOKING_DAYS * 1440):
        # one sentence, and no walk over the days of a period that may end centuries away
        return problems + [("too_long", {"minutes": min(rules.max_minutes, MAX_BOOKING_DAYS * 1440)})]
    for day, piece_start, piece_end in _local_days(start, end):
        if (rules.available_from and day < rules.available_from) or (rules.available_until and day > rules.available_until):
            problem = ("not_available", {"day": day})
        elif day in rules.closed_dates:
            problem = ("closed_day", {"day": day})
        elif not _inside_opening(day, piece_start, piece_end, rules.hours_of(day.weekday())):
            problem = ("outside_hours", {"day": day, "hours": format_hours(rules.hours_of(day.weekday()))})
        else:
            continue
        return problems + [problem]  # the first day that does not fit says enough
    return problems


def to_utc(dt: datetime) -> datetime:
    return dt.astimezone(timezone.utc)


def _ceil_to_slot(minutes: int) -> int:
    return -(-minutes // SLOT_MINUTES) * SLOT_MINUTES


def slot_starts(start: datetime, end: datetime, buffer_minutes: int = 0) -> list[datetime]:
    """The quarter-hours an accepted booking holds: its time, then the buffer for cleaning (UTC instants)."""
    start, end = to_utc(start), to_utc(end)
    held_until = end + timedelta(minutes=_ceil_to_slot(buffer_minutes))
    first = start.replace(minute=start.minute - start.minute % SLOT_MINUTES, second=0, microsecond=0)
    out, at = [], first
    while at < held_until:
        out.append(at)
        at += timedelta(minutes=SLOT_MINUTES)
    return out


def held_window(start: datetime, end: datetime, buffer_minutes: int) -> tuple[datetime, datetime]:
    """The span of slots a booking would hold (to look for slots already taken), without listing them."""
    start, end = to_utc(start), to_utc(end)
    first = start.replace(minute=start.minute - start.minute % SLOT_MINUTES, second=0, microsecond=0)
    held_until = end + timedelta(minutes=_ceil_to_slot(buffer_minutes))
    count = max(-(-(held_until - first) // timedelta(minutes=SLOT_MINUTES)), 1)
    return first, first + count * timedelta(minutes=SLOT_MINUTES)


def can_cancel_in_time(status: str, starts_at: datetime, now: datetime, notice_hours: int) -> bool:
    """A request can always be withdrawn; an accepted booking up to the owner's notice period."""
    if status == "requested":
        return True
    return status == "accepted" and to_utc(now) <= to_utc(starts_at) - timedelta(hours=notice_hours)


# Lending equipment ----------------------------------------------------------------------------------

def holding_end(status: str, due_on: date, today: date) -> date | None:
    """Until when a loan holds its units: its due date, or today while it is late. None: holds nothing."""
    if status not in HOLDING_LOAN_STATES:
        return None
    if status in ("picked_up", "overdue"):
        return max(due_on, today)
    return due_on


def usage_on(day: date, loans) -> int:
    """Units lent on `day`; `loans` are (first day, last day, quantity)."""
    return sum(q for s, e, q in loans if s <= day <= e)


def peak_usage(loans, start: date, end: date) -> int:
    """The most units lent on any day between start and end (included)."""
    loans = [(s, e, q) for s, e, q in loans if s <= end and e >= start]
    candidates = {start} | {s for s, _e, _q in loans if start <= s <= end}
    return max(usage_on(day, loans) for day in candidates)


def availability(stock: int, loans, start: date, days: int) -> list[tuple[date, int]]:
    return [(start + timedelta(days=i), max(stock - usage_on(start + timedelta(days=i), loans), 0)) for i in range(days)]


def check_loan(quantity: int, stock: int, starts_on: date, due_on: date, today: date,
               available_from: date | None = None, available_until: date | None = None) -> list[tuple[str, dict]]:
    problems = []
    if due_on < starts_on:
        return [("due_before_start", {})]
    if starts_on < today:
        problems.append(("start_in_past", {}))
    if (due_on - starts_on).days + 1 > MAX_LOAN_DAYS:
        problems.append(("too_long", {"days": MAX_LOAN_DAYS}))
    if quantity < 1 or quantity > stock:
        problems.append(("above_stock", {"stock": stock}))
    if (available_from and starts_on < available_from) or (available_until and due_on > available_until):
        problems.append(("not_available", {"start": available_from, "end": available_until}))
    return problems


def deposit_after_pickup(deposit_cents: int) -> str:
    return "held" if deposit_cents > 0 else "none"


def deposit_after_return(state: str, keep: bool) -> str:
    if state != "held":
        return state
    return "kept" if keep else "returned"


def loan_reminder(status: str, starts_on: date, due_on: date, today: date) -> str | None:
    """Which reminder a loan needs today: 'pickup' (tomorrow), 'due' (tomorrow) or 'overdue'."""
    tomorrow = today + timedelta(days=1)
    if status == "accepted" and starts_on == tomorrow:
        return "pickup"
    if status == "picked_up" and due_on == tomorrow:
        return "due"
    if status == "picked_up" and due_on < today:
        return "overdue"
    return None
