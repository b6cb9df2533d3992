"""Pure rules of notices: when a batched e-mail is due, the retry backoff, digest period keys."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
SEND_HOUR = 7  # batched e-mails leave at 7:00 Paris time, read with the morning coffee
MAX_ATTEMPTS = 6
CLAIM_TIMEOUT = timedelta(minutes=15)  # a "sending" claim older than this is considered crashed


def due_time(frequency: str, now: datetime) -> datetime:
    """When an e-mail queued now at this frequency should leave (aware UTC)."""
    if frequency in ("immediately", None):
        return now
    local = now.astimezone(PARIS)
    day = local.date() + timedelta(days=1)
    if frequency == "weekly":  # next Monday
        day = local.date() + timedelta(days=7 - local.weekday())
    return datetime.combine(day, time(SEND_HOUR), PARIS).astimezone(now.tzinfo)


def backoff(attempts: int) -> timedelta:
    """Wait before retrying after `attempts` failures: 1, 4, 16, 64 min, then 4 h."""
    return timedelta(minutes=min(4 ** max(attempts - 1, 0), 240))


def period_key(period: str, now: datetime) -> str:
    """The issue a digest sent now belongs to: '2025-W48' (weekly) or '2025-11-25' (daily), Paris time."""
    local = now.astimezone(PARIS)
    if period == "weekly":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def period_length(period: str) -> timedelta:
    return timedelta(days=7) if period == "weekly" else timedelta(days=1)
