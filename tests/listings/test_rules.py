"""The listing lifecycle as a table: every (status, action) pair is either allowed to one target or refused."""
from datetime import datetime, timedelta, timezone, date

import pytest

from market.listings import rules

ALLOWED = {
    ("draft", "submit"): "pending", ("draft", "publish"): "published",
    ("changes_requested", "submit"): "pending", ("changes_requested", "publish"): "published",
    ("pending", "approve"): "published", ("pending", "reject"): "rejected",
    ("pending", "request_changes"): "changes_requested", ("pending", "withdraw"): "draft",
    ("published", "close"): "closed", ("published", "expire"): "expired",
    ("closed", "repost"): "pending", ("closed", "repost_verified"): "published",
    ("expired", "repost"): "pending", ("expired", "repost_verified"): "published",
}
ACTIONS = sorted({action for _, action in rules.TRANSITIONS})


@pytest.mark.parametrize("status", rules.STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_transition_table(status, action):
    expected = ALLOWED.get((status, action))
    if expected is None:
        assert not rules.can(status, action)
        with pytest.raises(rules.TransitionRefused):
            rules.next_status(status, action)
    else:
        assert rules.can(status, action)
        assert rules.next_status(status, action) == expected


def test_rejected_is_final_and_published_cannot_skip_back_to_pending():
    assert not any(rules.can("rejected", a) for a in ACTIONS)
    assert not rules.can("published", "submit")
    assert not rules.can("draft", "approve")


def test_trusted_publishers_skip_moderation():
    assert rules.next_status("draft", rules.submit_action(True)) == "published"
    assert rules.next_status("draft", rules.submit_action(False)) == "pending"
    assert rules.next_status("expired", rules.repost_action(False)) == "pending"


def test_expiry_defaults_to_sixty_days_and_never_lies_in_the_past():
    now = datetime(2026, 11, 25, 10, tzinfo=timezone.utc)
    assert rules.expiry_for(now, None) == now + timedelta(days=60)
    assert rules.expiry_for(now, date(2026, 12, 31)).date() == date(2026, 12, 31)
    assert rules.expiry_for(now, date(2020, 1, 1)) > now


def test_reminder_window_is_the_last_seven_days_and_only_once():
    now = datetime(2026, 11, 25, tzinfo=timezone.utc)
    assert rules.needs_reminder(now + timedelta(days=6), None, now)
    assert not rules.needs_reminder(now + timedelta(days=8), None, now)
    assert not rules.needs_reminder(now + timedelta(days=6), now, now)
    assert not rules.needs_reminder(now - timedelta(days=1), None, now)
