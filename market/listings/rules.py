"""Pure rules of a listing's life: allowed transitions, expiry, field requirements."""
from datetime import date, datetime, timedelta

# (from status, action) -> to status. Everything absent is refused.
TRANSITIONS = {
    ("draft", "submit"): "pending",
    ("draft", "publish"): "published",
    ("changes_requested", "submit"): "pending",
    ("changes_requested", "publish"): "published",
    ("pending", "approve"): "published",
    ("pending", "reject"): "rejected",
    ("pending", "request_changes"): "changes_requested",
    ("pending", "withdraw"): "draft",
    ("published", "close"): "closed",
    ("published", "expire"): "expired",
    ("closed", "repost"): "pending",
    ("closed", "repost_verified"): "published",
    ("expired", "repost"): "pending",
    ("expired", "repost_verified"): "published",
}

STATUSES = ("draft", "pending", "changes_requested", "published", "rejected", "closed", "expired")
EDITABLE = ("draft", "pending", "changes_requested", "published", "closed", "expired")


class TransitionRefused(ValueError):
    def __init__(self, status, action):
        super().__init__(f"{action!r} is not allowed from {status!r}")
        self.status, self.action = status, action


def next_status(status: str, action: str) -> str:
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise TransitionRefused(status, action) from None


def can(status: str, action: str) -> bool:
    return (status, action) in TRANSITIONS


def submit_action(publisher_trusted: bool) -> str:
    """Verified organisations publish at once; others go through moderation."""
    return "publish" if publisher_trusted else "submit"


def repost_action(publisher_trusted: bool) -> str:
    return "repost_verified" if publisher_trusted else "repost"


MAX_LIFETIME_DAYS = 365  # a listing chooses its expiry up to a year ahead; it can be reposted after


def default_expiry(now: datetime, days: int = 60) -> datetime:
    return now + timedelta(days=days)


def expiry_for(now: datetime, chosen: date | None, default_days: int = 60) -> datetime:
    """End of the chosen day (UTC), or the default lifetime; never in the past."""
    if chosen is None:
        return default_expiry(now, default_days)
    end = datetime.combine(chosen, datetime.max.time().replace(microsecond=0), tzinfo=now.tzinfo)
    return max(end, now + timedelta(hours=1))


def needs_reminder(expires_at: datetime, reminder_sent_at, now: datetime, days_before: int = 7) -> bool:
    return reminder_sent_at is None and now < expires_at <= now + timedelta(days=days_before)


def price_required(terms: str) -> bool:
    return terms in ("rent", "sale")
