"""Column types and time helpers shared by the models: aware UTC datetimes, tag lists."""
from datetime import datetime, timezone

import sqlalchemy as sa


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(sa.TypeDecorator):
    """Stores naive UTC (SQLite has no time zones) and always returns aware UTC datetimes."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def split_labels(text: str | None) -> list[str]:
    """'a; b;;c' -> ['a', 'b', 'c'], keeping order and dropping duplicates (case-insensitive)."""
    seen, out = set(), []
    for part in (text or "").replace(",", ";").split(";"):
        label = " ".join(part.split())
        if label and label.lower() not in seen:
            seen.add(label.lower())
            out.append(label)
    return out


def join_labels(labels) -> str:
    return "; ".join(split_labels(";".join(labels or [])))
