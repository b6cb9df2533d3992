"""Reads for the agenda: published dates by period, the moderation queue, a member's registrations."""
from datetime import datetime

import sqlalchemy as sa

from market.extensions import db
from market.network.models import Meeting
from market.places.models import HoldStatus, PlaceHold
from market.types import utcnow  # noqa: F401  (re-exported for the feed)

PUBLIC = ("published", "cancelled")


def published_between(start: datetime | None = None, end: datetime | None = None, formats=None) -> list[Meeting]:
    """Published (and cancelled, shown as such) dates overlapping [start, end), earliest first."""
    stmt = sa.select(Meeting).where(Meeting.status.in_(PUBLIC))
    if start is not None:
        stmt = stmt.where(Meeting.ends_at > start)
    if end is not None:
        stmt = stmt.where(Meeting.starts_at < end)
    if formats:
        stmt = stmt.where(Meeting.format.in_(formats))
    return db.session.scalars(stmt.order_by(Meeting.starts_at, Meeting.id)).all()


def dates_between(start: datetime | None = None, end: datetime | None = None, formats=None) -> list:
    """The agenda: the network's meetings and the dates other features register (members' public events)."""
    dates = list(published_between(start, end, formats))
    if not formats or "event" in formats:
        from market.network.agenda_sources import items_between
        dates += items_between(start, end)
    return sorted(dates, key=lambda d: d.starts_at)


def upcoming(limit: int | None = None, formats=None) -> list:
    dates = dates_between(start=utcnow(), formats=formats)
    return dates[:limit] if limit else dates


def pending() -> list[Meeting]:
    return db.session.scalars(sa.select(Meeting).where(Meeting.status == "pending")
                              .order_by(Meeting.starts_at)).all()


def mine(user) -> list[Meeting]:
    """Dates the user posted, whatever their status, latest first."""
    return db.session.scalars(sa.select(Meeting).where(Meeting.organiser_id == user.id)
                              .order_by(Meeting.starts_at.desc()).limit(50)).all()


def registrations_of(user) -> list[tuple[Meeting, PlaceHold]]:
    """The user's registrations to coming meetings (held, offered or waiting)."""
    rows = db.session.execute(sa.select(Meeting, PlaceHold).join(PlaceHold, PlaceHold.pool_id == Meeting.pool_id)
                              .where(PlaceHold.user_id == user.id, Meeting.ends_at > utcnow(),
                                     Meeting.status == "published",
                                     PlaceHold.status.in_((HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)))
                              .order_by(Meeting.starts_at)).all()
    return [tuple(r) for r in rows]


def registered(meeting: Meeting) -> list[PlaceHold]:
    """Holds of a meeting: places held first, then the waiting list in order."""
    if meeting.pool_id is None:
        return []
    return db.session.scalars(sa.select(PlaceHold).where(
        PlaceHold.pool_id == meeting.pool_id,
        PlaceHold.status.in_((HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.DONE, HoldStatus.WAITING)))
        .order_by(PlaceHold.status == HoldStatus.WAITING, PlaceHold.id)).all()
