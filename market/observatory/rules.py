"""Pure rules of the observatory: periods, months, totals by month, commune and category, and bar geometry."""
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
MAX_MONTHS = 120  # a period of ten years at most: the page stays bounded


@dataclass(frozen=True)
class Period:
    first: date  # first day, included
    last: date   # last day, included

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time.min, PARIS)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time.min, PARIS)


def default_period(today: date) -> Period:
    """The last twelve months, this one included."""
    return Period(first=add_months(today.replace(day=1), -11), last=today)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months(period: Period) -> list[str]:
    """'YYYY-MM' of every month the period touches, in order."""
    out, month = [], period.first.replace(day=1)
    while month <= period.last and len(out) < MAX_MONTHS:
        out.append(f"{month.year:04d}-{month.month:02d}")
        month = add_months(month, 1)
    return out


def month_of(at: datetime) -> str:
    local = at.astimezone(PARIS)
    return f"{local.year:04d}-{local.month:02d}"


@dataclass
class Totals:
    total: int
    by_month: list[tuple[str, int]]
    by_commune: list[tuple[str | None, int]]
    by_category: list[tuple[str, int]]


def totals(rows, period: Period) -> Totals:
    """Add the rows up; every month of the period appears, communes and categories largest first."""
    total, per_month, per_commune, per_category = 0, Counter(), Counter(), Counter()
    for row in rows:
        total += row.amount
        per_month[month_of(row.at)] += row.amount
        per_commune[row.commune_code] += row.amount
        if row.category is not None:
            per_category[row.category] += row.amount
    return Totals(total=total,
                  by_month=[(m, per_month.get(m, 0)) for m in months(period)],
                  by_commune=sorted(per_commune.items(), key=lambda kv: (-kv[1], kv[0] or "")),
                  by_category=sorted(per_category.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


def bars(values: list[tuple[str, int]], width: float = 600, height: float = 160, gap: float = 4) -> list[Bar]:
    """Bars of a chart `width` x `height`, the tallest touching the top; zero or negative draws nothing."""
    if not values:
        return []
    top = max(max(v for _, v in values), 1)
    step = width / len(values)
    out = []
    for i, (label, value) in enumerate(values):
        h = height * max(value, 0) / top
        out.append(Bar(x=round(i * step + gap / 2, 2), y=round(height - h, 2), width=round(max(step - gap, 1), 2),
                       height=round(h, 2), label=label, value=value))
    return out
