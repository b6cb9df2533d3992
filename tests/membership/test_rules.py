"""The membership's pure rules: the year's status, the renewal season, the grace period, what is owed."""
from datetime import date

from hypothesis import given, settings, strategies as st

from market.membership import rules
from market.membership.rules import EXPIRED, NONE, PAID_UP, PENDING


def test_the_status_of_a_year():
    dec, feb, jun = date(2026, 12, 5), date(2027, 2, 10), date(2027, 6, 1)
    assert rules.status(2027, dec, paid_up=True, renewing=True, opened=True) == PAID_UP
    # renewing: waiting from December until the end of March, then expired
    assert rules.status(2027, dec, paid_up=False, renewing=True, opened=False) == PENDING
    assert rules.status(2027, feb, paid_up=False, renewing=True, opened=True) == PENDING
    assert rules.status(2027, jun, paid_up=False, renewing=True, opened=True) == EXPIRED
    # a newcomer who asked in June waits until it pays; one that never asked is not a member
    assert rules.status(2027, jun, paid_up=False, renewing=False, opened=True) == PENDING
    assert rules.status(2027, jun, paid_up=False, renewing=False, opened=False) == NONE
    # a past year never paid: expired if it was started, else nothing
    assert rules.status(2025, jun, paid_up=False, renewing=False, opened=True) == EXPIRED
    assert rules.status(2025, jun, paid_up=False, renewing=False, opened=False) == NONE


def test_the_renewal_season_opens_a_month_before_the_year_and_closes_with_march():
    assert rules.renewal_year(date(2026, 11, 30)) == 2026
    assert rules.renewal_year(date(2026, 12, 1)) == 2027
    assert rules.in_reminder_season(2027, date(2026, 12, 1)) and rules.in_reminder_season(2027, date(2027, 3, 31))
    assert not rules.in_reminder_season(2027, date(2026, 11, 30)) and not rules.in_reminder_season(2027, date(2027, 4, 1))


def test_rights_last_through_the_grace_period_and_start_at_once_in_december():
    assert rules.has_rights(date(2027, 3, 31), paid_up_this_year=False, paid_up_last_year=True)
    assert not rules.has_rights(date(2027, 4, 1), paid_up_this_year=False, paid_up_last_year=True)
    # a structure joining in December pays next year's fee and is a member at once
    assert rules.has_rights(date(2026, 12, 10), False, False, paid_up_next_year=True)
    assert not rules.has_rights(date(2026, 10, 10), False, False, paid_up_next_year=True)


def test_what_is_owed():
    assert rules.owed(None, 0) is None  # no fee known yet
    assert rules.owed(12000, 5000) == 7000 and rules.owed(12000, 15000) == 0
    assert not rules.is_paid_up(None, 10_000) and rules.is_paid_up(0, 0)
    assert rules.fee({("association", "none"): 3000}, "association", None) is None


@settings(deadline=None, database=None)
@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2199, 12, 31)), st.integers(2001, 2199),
       st.booleans(), st.booleans(), st.booleans())
def test_a_status_is_always_one_of_four_and_paid_always_wins(today, year, paid_up, renewing, opened):
    status = rules.status(year, today, paid_up, renewing, opened)
    assert status in rules.STATUSES
    assert (status == PAID_UP) == paid_up
