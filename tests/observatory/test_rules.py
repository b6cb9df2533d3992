"""The observatory's pure rules: months of a period, Paris months, the "others" line, bar heights."""
from datetime import date, datetime, timezone

from hypothesis import given, strategies as st

from market.figures import FigureRow
from market.observatory import rules
from market.observatory.rules import Period


def test_months_of_a_period_and_the_default_twelve():
    assert rules.months(Period(date(2026, 11, 20), date(2027, 2, 1))) == ["2026-11", "2026-12", "2027-01", "2027-02"]
    default = rules.default_period(date(2026, 12, 2))
    assert default.first == date(2026, 1, 1) and len(rules.months(default)) == 12


def test_the_month_is_the_one_in_paris():
    new_year_in_paris = datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)
    assert rules.month_of(new_year_in_paris) == "2027-01"


def test_totals_keep_every_month_and_add_the_rest_into_others():
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    rows = [FigureRow(datetime(2026, 2, 1, tzinfo=timezone.utc), "03310", 2, "a"),
            FigureRow(datetime(2026, 2, 9, tzinfo=timezone.utc), "03095", 5, "b")]
    t = rules.totals(rows, period)
    assert t.total == 7 and t.by_month == [("2026-01", 0), ("2026-02", 7), ("2026-03", 0)]
    assert t.by_commune == [("03095", 5), ("03310", 2)]
    pairs = [(str(i), 10 - i) for i in range(10)]
    kept = rules.top(pairs, keep=3)
    assert kept[:3] == pairs[:3] and kept[3] == (rules.OTHERS, sum(v for _, v in pairs[3:]))
    assert rules.top(pairs[:4], keep=3) == pairs[:4]  # never an "others" line of one


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=120))
def test_bars_fit_the_chart_and_the_tallest_touches_the_top(values):
    drawn = rules.bars([(str(i), v) for i, v in enumerate(values)], width=600, height=160)
    assert len(drawn) == len(values)
    assert all(0 <= b.y <= 160 and abs(b.y + b.height - 160) < 0.05 and b.x + b.width <= 600.01 for b in drawn)
    if max(values):
        assert min(b.y for b in drawn) == 0
    assert all(b.height == 0 for b, v in zip(drawn, values) if v == 0)
