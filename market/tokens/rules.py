"""Pure rules of tokens: how a token looks, how it is hashed, when it still works."""
import hashlib
import secrets
from datetime import date, datetime, time, timedelta, timezone

PREFIX = "ess_"  # so that a leaked token is recognisable (secret scanners, logs)
SHOWN_PREFIX = 10  # characters kept in clear to tell tokens apart in the list
SCOPES = ("read", "write")
MAX_LIFETIME_DAYS = 366
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
LAST_USE_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often


def new_secret() -> str:
    """A fresh token: the prefix and 256 random bits, URL-safe."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(raw: str) -> str:
    """What the database keeps: the SHA-256 of the token (a random 256-bit secret needs no slow hash)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(raw: str) -> bool:
    return raw.startswith(PREFIX) and 20 <= len(raw) <= 100 and raw.isascii()


def expiry_for(expires_on: date | None) -> datetime | None:
    """An expiry day means "valid through that day" (end of day, UTC)."""
    if expires_on is None:
        return None
    return datetime.combine(expires_on + timedelta(days=1), time(0), tzinfo=timezone.utc)


def refusal(token, now: datetime) -> str | None:
    """Why the token no longer opens the API (a code), or None when it does."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    if token.user.status != "active":
        return "user_suspended"
    if token.organization is not None and token.organization.is_suspended:
        return "organization_suspended"
    return None


def allows(scopes: list[str], method: str) -> bool:
    """A read token reads; writing needs the write scope."""
    return "write" in scopes if method in WRITE_METHODS else "read" in scopes or "write" in scopes


def needs_last_use_update(last_used_at: datetime | None, now: datetime) -> bool:
    return last_used_at is None or now - last_used_at >= LAST_USE_EVERY
