"""The pure rules: Paris wall clock to UTC (summer and winter), overlaps, hours typed, valuation."""
from datetime import date, datetime, time, timedelta, timezone
from types import SimpleNamespace

from market.events import rules

UTC = timezone.utc


def test_a_shift_is_typed_in_paris_time_and_stored_in_utc_summer_and_winter():
    assert rules.period(date(2026, 6, 13), time(8), time(12)) == (datetime(2026, 6, 13, 6, tzinfo=UTC),
                                                                  datetime(2026, 6, 13, 10, tzinfo=UTC))
    assert rules.period(date(2026, 12, 12), time(8), time(12))[0] == datetime(2026, 12, 12, 7, tzinfo=UTC)


def test_an_end_before_the_start_is_the_next_morning():
    start, end = rules.period(date(2026, 6, 13), time(22), time(2))
    assert rules.minutes(start, end) == 240


def test_the_night_the_clocks_go_back_counts_one_hour_more():
    start, end = rules.period(date(2026, 10, 24), time(22), time(6))
    assert rules.minutes(start, end) == 9 * 60


def test_overlap_is_shared_time_and_touching_shifts_do_not_clash():
    at = lambda h: datetime(2026, 6, 13, h, tzinfo=UTC)  # noqa: E731
    assert rules.overlaps(at(8), at(12), at(11), at(15))
    assert not rules.overlaps(at(8), at(12), at(12), at(15))
    assert rules.overlaps(at(8), at(16), at(10), at(11))


def test_first_clash_names_the_earliest_overlapping_shift():
    at = lambda h: datetime(2026, 6, 13, h, tzinfo=UTC)  # noqa: E731
    late = SimpleNamespace(starts_at=at(13), ends_at=at(14), role="rangement")
    early = SimpleNamespace(starts_at=at(11), ends_at=at(15), role="buvette")
    assert rules.first_clash(at(8), at(14), [late, early]) is early
    assert rules.first_clash(at(6), at(8), [late, early]) is None


def test_a_new_shift_must_be_in_the_future_short_enough_and_have_places():
    now = datetime(2026, 6, 1, tzinfo=UTC)
    start = datetime(2026, 6, 13, 6, tzinfo=UTC)
    assert rules.check_shift(start, start + timedelta(hours=4), 20, now) == []
    assert rules.check_shift(now - timedelta(hours=1), now, 20, now) == ["start_in_past"]
    assert rules.check_shift(start, start + timedelta(hours=25), 0, now) == ["too_long", "capacity"]


def test_the_offer_delay_shrinks_when_the_shift_is_near_but_never_below_an_hour():
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert rules.offer_for(now + timedelta(days=10), now) == rules.OFFER_FOR
    assert rules.offer_for(now + timedelta(hours=6), now) == timedelta(hours=3)
    assert rules.offer_for(now + timedelta(minutes=30), now) == rules.MIN_OFFER


def test_hours_typed_by_an_organiser_become_minutes():
    assert [rules.parse_hours(t) for t in ("4", "3,5", "3.5", "3h30", "3 h 30", "0", "h45")] == \
        [240, 210, 210, 210, 210, 0, 45]
    assert [rules.parse_hours(t) for t in ("", "beaucoup", "25", "-1", "3h75", "2,5h10", "nan")] == [None] * 7


def test_the_hours_field_shows_what_it_reads_back():
    for minutes in (0, 45, 240, 210, 1440):
        assert rules.parse_hours(rules.hours_input(minutes)) == minutes


def test_valuation_is_hours_times_the_rate_rounded_half_up():
    assert rules.valuation_cents(240, 1202) == 4808
    assert rules.valuation_cents(1, 1202) == 20  # 20.03 cents
    assert rules.valuation_cents(0, 1202) == 0
    assert rules.hours_text(240) == "4 h" and rules.hours_text(90) == "1 h 30"
