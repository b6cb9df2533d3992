"""Pure rules of the network: meeting formats and moderation, month grids, points and catchment areas."""
import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
FORMATS = ("breakfast", "workshop", "forum", "visit", "training", "event")
NETWORK_FORMATS = ("breakfast", "workshop", "forum", "visit", "training")  # what coordinators schedule
MAX_CATCHMENT_KM = 200
MAX_CATCHMENT_COMMUNES = 60
DISTANCES_KM = (5, 10, 20, 30, 50)

# (status, action) -> next status. Coordinators and verified organisations publish at once, as listings do.
TRANSITIONS = {
    ("pending", "approve"): "published",
    ("pending", "reject"): "rejected",
    ("published", "cancel"): "cancelled",
    ("pending", "cancel"): "cancelled",
}


class BadTransition(ValueError):
    pass


def next_status(status: str, action: str) -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise BadTransition(f"{action} from {status}") from None


def initial_status(trusted: bool) -> str:
    return "published" if trusted else "pending"


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def valid_point(lat, lon) -> bool:
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


# (south, north, west, east): metropolitan France with Corsica, then the overseas territories
FRANCE_BOXES = ((41.2, 51.2, -5.3, 9.7), (14.3, 18.2, -63.2, -60.7), (2.0, 6.0, -54.7, -51.5),
                (-21.5, -20.8, 55.1, 55.9), (-13.1, -12.5, 44.9, 45.4), (46.7, 47.2, -56.5, -56.0),
                (-28.0, -7.0, -155.0, -134.0), (-23.0, -13.0, 163.5, 180.0))


def in_france(lat: float, lon: float) -> bool:
    """Inside France or its overseas territories: catches swapped or mistyped coordinates."""
    return any(s <= lat <= n and w <= lon <= e for s, n, w, e in FRANCE_BOXES)


def parse_coordinate(text: str) -> float | None:
    """'46,1234' or '46.1234' -> 46.1234; None when it is not a finite number."""
    text = (text or "").strip().replace(",", ".").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return round(value, 6) if value == value and abs(value) != float("inf") else None


def month_grid(year: int, month: int) -> list[list[date | None]]:
    """Weeks (Monday first) of a month; days outside it are None."""
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    return [[date(year, month, d) if d else None for d in week] for week in weeks]


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The month as [start, end) in Paris wall-clock time (aware)."""
    start = datetime(year, month, 1, tzinfo=PARIS)
    nxt = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=PARIS)
    return start, nxt


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def parse_month(text: str) -> tuple[int, int] | None:
    """'2027-01' -> (2027, 1); None for anything else or outside 2000-2100."""
    year, sep, month = (text or "").strip().partition("-")
    if not (sep and year.isdigit() and month.isdigit() and len(year) == 4 and len(month) <= 2):
        return None
    year, month = int(year), int(month)
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def month_param(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def local_day(dt: datetime) -> date:
    return dt.astimezone(PARIS).date()


def duration_ok(start: datetime, end: datetime) -> bool:
    return end > start and end - start <= timedelta(days=7)
