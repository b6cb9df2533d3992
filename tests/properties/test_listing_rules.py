"""Listing lifecycle rules (market/listings/rules.py) hold for any sequence of actions."""
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from market.listings import rules

SETTINGS = settings(max_examples=300, deadline=None, database=None)
ACTIONS = sorted({action for _, action in rules.TRANSITIONS})
PUBLISHING = {"publish", "approve", "repost_verified"}
any_action = st.one_of(st.sampled_from(ACTIONS), st.text(max_size=12))


@SETTINGS
@given(start=st.sampled_from(rules.STATUSES), actions=st.lists(any_action, max_size=30))
def test_any_sequence_only_ever_yields_known_statuses(start, actions):
    status = start
    for action in actions:
        try:
            new = rules.next_status(status, action)
        except rules.TransitionRefused as exc:
            assert not rules.can(status, action) and (exc.status, exc.action) == (status, action)
            continue  # a refused action leaves the listing as it was
        assert rules.can(status, action)
        assert new in rules.STATUSES
        if new == "published" and status != "published":
            assert action in PUBLISHING, (status, action)
        status = new


@SETTINGS
@given(action=any_action)
def test_rejected_is_terminal(action):
    assert not rules.can("rejected", action)
    with pytest.raises(rules.TransitionRefused):
        rules.next_status("rejected", action)


def test_every_transition_goes_between_known_statuses_and_rejected_is_not_editable():
    assert all(a in rules.STATUSES and b in rules.STATUSES for (a, _), b in rules.TRANSITIONS.items())
    assert "rejected" not in rules.EDITABLE and set(rules.EDITABLE) <= set(rules.STATUSES)


@SETTINGS
@given(trusted=st.booleans(), start=st.sampled_from(["draft", "changes_requested", "closed", "expired"]))
def test_only_trusted_publishers_skip_moderation(trusted, start):
    action = rules.submit_action(trusted) if start in ("draft", "changes_requested") else rules.repost_action(trusted)
    assert rules.next_status(start, action) == ("published" if trusted else "pending")


NOW = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc))


@SETTINGS
@given(now=NOW, chosen=st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 1, 1))),
       days=st.integers(1, 3650))
def test_an_expiry_is_never_in_the_past(now, chosen, days):
    expiry = rules.expiry_for(now, chosen, days)
    assert expiry >= now + timedelta(hours=1) and expiry.tzinfo is not None
    if chosen is not None and chosen > (now + timedelta(days=1)).date():
        assert expiry.date() == chosen  # the day chosen is kept, to its end


@SETTINGS
@given(now=NOW, ahead=st.integers(-100, 100), sent=st.booleans(), days=st.integers(1, 30))
def test_a_reminder_is_sent_once_and_only_before_expiry(now, ahead, sent, days):
    expires_at = now + timedelta(days=ahead)
    due = rules.needs_reminder(expires_at, now if sent else None, now, days)
    assert due == (not sent and 0 < ahead <= days)
