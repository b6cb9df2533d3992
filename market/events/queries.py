"""Reads of events: upcoming events, a shift's roster, a volunteer's shifts and hours, an organiser's shifts."""
import sqlalchemy as sa

from market.events.models import Attendance, Event, EventOrganizer, Shift
from market.extensions import db
from market.places.models import HoldStatus, PlaceHold
from market.types import utcnow

ACTIVE = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING, HoldStatus.DONE)
ON_ROSTER = (HoldStatus.HELD, HoldStatus.DONE)


def upcoming_events(now=None) -> list[Event]:
    """Published events with a shift still to come, soonest first."""
    now = now or utcnow()
    first = sa.func.min(Shift.starts_at)
    stmt = (sa.select(Event).join(Shift).where(Event.status == "published")
            .group_by(Event.id).having(sa.func.max(Shift.ends_at) > now).order_by(first, Event.id))
    return list(db.session.scalars(stmt))


def organised_by(organization_ids) -> list[Event]:
    """Events whose main organiser or a co-organiser is one of these organisations, newest first."""
    co = sa.select(EventOrganizer.event_id).where(EventOrganizer.organization_id.in_(organization_ids))
    stmt = (sa.select(Event).where(sa.or_(Event.organization_id.in_(organization_ids), Event.id.in_(co)))
            .order_by(Event.created_at.desc(), Event.id.desc()))
    return list(db.session.scalars(stmt))


def shift_of_pool(pool_id) -> Shift | None:
    return db.session.scalar(sa.select(Shift).where(Shift.pool_id == pool_id))


def holds_of(shift, statuses=ACTIVE) -> list[PlaceHold]:
    """The shift's holds in these states, in the order they were taken."""
    return list(db.session.scalars(sa.select(PlaceHold).where(
        PlaceHold.pool_id == shift.pool_id, PlaceHold.status.in_(statuses)).order_by(PlaceHold.id)))


def hold_of(user, shift) -> PlaceHold | None:
    """The person's current sign-up to this shift (held, offered, waiting or done)."""
    return db.session.scalar(sa.select(PlaceHold).where(
        PlaceHold.pool_id == shift.pool_id, PlaceHold.user_id == user.id, PlaceHold.status.in_(ACTIVE))
        .order_by(PlaceHold.id.desc()).limit(1))


def shifts_of(user, statuses=ACTIVE, since=None) -> list[tuple[Shift, PlaceHold]]:
    """(shift, hold) of the person's sign-ups, by start; `since`: only shifts ending after it."""
    stmt = (sa.select(Shift, PlaceHold).join(PlaceHold, PlaceHold.pool_id == Shift.pool_id)
            .where(PlaceHold.user_id == user.id, PlaceHold.status.in_(statuses)).order_by(Shift.starts_at, Shift.id))
    if since is not None:
        stmt = stmt.where(Shift.ends_at > since)
    return [tuple(row) for row in db.session.execute(stmt)]


def attendances_of(user) -> list[Attendance]:
    return list(db.session.scalars(sa.select(Attendance).join(Shift).where(
        Attendance.user_id == user.id, Attendance.attended.is_(True)).order_by(Shift.starts_at.desc())))


def attendances_for(organization, year: int | None = None) -> list[Attendance]:
    """Attended shifts of the events this organisation (co-)organised, oldest first; `year`: those of that
    Paris calendar year only (the annual report)."""
    from datetime import date

    from market.events.rules import day_start
    co = sa.select(EventOrganizer.event_id).where(EventOrganizer.organization_id == organization.id)
    stmt = sa.select(Attendance).join(Shift).join(Event).where(
        Attendance.attended.is_(True), sa.or_(Event.organization_id == organization.id, Event.id.in_(co)))
    if year is not None:
        stmt = stmt.where(Shift.starts_at >= day_start(date(year, 1, 1)),
                          Shift.starts_at < day_start(date(year + 1, 1, 1)))
    return list(db.session.scalars(stmt.order_by(Shift.starts_at, Attendance.id)))


def hours_years(organization) -> list[int]:
    """The Paris years in which the organisation has confirmed hours, newest first."""
    from market.events.rules import paris_day
    return sorted({paris_day(a.shift.starts_at).year for a in attendances_for(organization)}, reverse=True)


def attendance_map(shift) -> dict[int, Attendance]:
    return {a.user_id: a for a in db.session.scalars(sa.select(Attendance).where(Attendance.shift_id == shift.id))}


def total_minutes() -> int:
    """Every volunteer minute confirmed in the network (the observatory's figure)."""
    return int(db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Attendance.minutes), 0))
                                 .where(Attendance.attended.is_(True))) or 0)


def shifts_between(start, end) -> list[Shift]:
    return list(db.session.scalars(sa.select(Shift).join(Event).where(
        Event.status == "published", Shift.starts_at >= start, Shift.starts_at < end).order_by(Shift.starts_at)))


def ended_between(start, end) -> list[Shift]:
    return list(db.session.scalars(sa.select(Shift).join(Event).where(
        Event.status == "published", Shift.ends_at >= start, Shift.ends_at < end).order_by(Shift.ends_at)))


def shifts_run_by(user, now=None) -> list[Shift]:
    """Shifts still to come of the published events the person's organisations (co-)organise, soonest first."""
    now = now or utcnow()
    ids = [o.id for o in user.organizations]
    if not ids:
        return []
    co = sa.select(EventOrganizer.event_id).where(EventOrganizer.organization_id.in_(ids))
    return list(db.session.scalars(sa.select(Shift).join(Event).where(
        Event.status == "published", Shift.starts_at > now,
        sa.or_(Event.organization_id.in_(ids), Event.id.in_(co))).order_by(Shift.starts_at, Shift.id)))
