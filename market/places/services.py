"""The one service that takes, gives back and passes on limited places; it flushes, never commits.

Every change of `taken` is a conditional UPDATE evaluated by the database (and the CHECK
constraint on place_pools is the last word), and every status change of a hold is a
conditional UPDATE on its old status: two workers releasing the same hold free it once.
"""
from datetime import datetime, timedelta

import sqlalchemy as sa

from market.extensions import db
from market.places import rules
from market.places.models import Allocation, HoldStatus, PlaceHold, PlacePool
from market.places.signals import place_offered
from market.types import utcnow


class NoPlacesLeft(Exception):
    """Not enough free places, and the caller did not want the waiting list."""


class CapacityBelowTaken(Exception):
    """The new capacity is smaller than the places already held."""


class HoldNotActive(Exception):
    """The hold is not (or no longer) in the state this action needs."""


def open_pool(kind: str, capacity: int, *, hold_for: timedelta | None = None,
              offer_for: timedelta = timedelta(hours=48), allocation: str = Allocation.LINE) -> PlacePool:
    """`allocation`: Allocation.LINE (first come, then the waiting list in order) or Allocation.OWNER
    (every request waits until the pool's owner grants it places, see `grant`)."""
    if allocation not in Allocation.ALL:
        raise ValueError(f"unknown allocation {allocation}")
    pool = PlacePool(kind=kind, capacity=capacity, taken=0, hold_minutes=_minutes(hold_for),
                     offer_minutes=_minutes(offer_for), allocation=allocation)
    db.session.add(pool)
    db.session.flush()
    return pool


def free(pool: PlacePool) -> int:
    return rules.free(pool.capacity, pool.taken)


def position(hold: PlaceHold) -> int | None:
    """1-based rank in the pool's waiting list, or None when the hold is not waiting (or the pool's
    owner grants places: requests then have no rank)."""
    if hold.status != HoldStatus.WAITING or hold.pool.allocation == Allocation.OWNER:
        return None
    ahead = db.session.scalar(sa.select(sa.func.count()).select_from(PlaceHold).where(
        PlaceHold.pool_id == hold.pool_id, PlaceHold.status == HoldStatus.WAITING, PlaceHold.id < hold.id))
    return ahead + 1


def take(actor, pool: PlacePool, quantity: int = 1, *, waitlist: bool = True,
         now: datetime | None = None) -> PlaceHold:
    """Hold `quantity` places for `actor`, or put them in line (or raise NoPlacesLeft).

    In a pool whose owner grants places, the request always waits (whatever `waitlist`)."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    now = now or utcnow()
    if pool.allocation != Allocation.OWNER and _claim(pool, quantity):
        hold = PlaceHold(pool_id=pool.id, user_id=actor.id, quantity=quantity, status=HoldStatus.HELD,
                         created_at=now, expires_at=_after(now, pool.hold_minutes))
    elif waitlist or pool.allocation == Allocation.OWNER:
        hold = PlaceHold(pool_id=pool.id, user_id=actor.id, quantity=quantity, status=HoldStatus.WAITING,
                         created_at=now)
    else:
        raise NoPlacesLeft()
    db.session.add(hold)
    db.session.flush()
    return hold


def release(actor, hold: PlaceHold, *, now: datetime | None = None) -> PlaceHold:
    """Give back a hold (or leave the waiting list); freed places go to the next in line."""
    active = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)
    return _end(hold, active, HoldStatus.RELEASED, now or utcnow())


def confirm(actor, hold: PlaceHold, *, now: datetime | None = None) -> PlaceHold:
    """The next in line accepts the places offered to them, before the offer lapses."""
    now = now or utcnow()
    pool = db.session.get(PlacePool, hold.pool_id)
    changed = _move(hold, (HoldStatus.OFFERED,), HoldStatus.HELD,
                    expires_at=_after(now, pool.hold_minutes), extra=PlaceHold.expires_at > now)
    if not changed:
        raise HoldNotActive()
    return hold


def grant(actor, hold: PlaceHold, quantity: int | None = None, *, now: datetime | None = None) -> PlaceHold:
    """The pool's owner gives a waiting request `quantity` places (at most what it asked): it now holds them.

    The places are claimed by the same conditional UPDATE as `take` (and the CHECK constraint has the
    last word): two grants at once never give more places than the pool has."""
    quantity = hold.quantity if quantity is None else quantity
    if not 1 <= quantity <= hold.quantity:
        raise ValueError("a grant gives between 1 place and what was asked")
    now = now or utcnow()
    pool = db.session.get(PlacePool, hold.pool_id)
    if not _claim(pool, quantity):
        raise NoPlacesLeft()
    if not _move(hold, (HoldStatus.WAITING,), HoldStatus.HELD, quantity=quantity,
                 expires_at=_after(now, pool.hold_minutes)):
        _unclaim(pool, quantity)  # granted or withdrawn meanwhile: the places go back
        raise HoldNotActive()
    return hold


def complete(actor, hold: PlaceHold, *, now: datetime | None = None) -> PlaceHold:
    """The places were used (collected, attended): they stay counted and never lapse."""
    if not _move(hold, (HoldStatus.HELD,), HoldStatus.DONE, expires_at=None, ended_at=now or utcnow()):
        raise HoldNotActive()
    return hold


def resize(pool: PlacePool, capacity: int, *, now: datetime | None = None) -> PlacePool:
    """Change the number of places; never below those held. Added places go to the waiting list."""
    if capacity < 0:
        raise ValueError("capacity must not be negative")
    done = db.session.execute(sa.update(PlacePool).where(PlacePool.id == pool.id, PlacePool.taken <= capacity)
                              .values(capacity=capacity).execution_options(synchronize_session=False))
    db.session.refresh(pool)
    if done.rowcount != 1:
        raise CapacityBelowTaken()
    _offer_freed(pool, now or utcnow())
    return pool


def lapse_due(now: datetime | None = None) -> int:
    """Lapse every hold and offer past its time, and pass the places on; returns how many lapsed."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(PlaceHold).where(
        PlaceHold.status.in_((HoldStatus.HELD, HoldStatus.OFFERED)),
        PlaceHold.expires_at.is_not(None), PlaceHold.expires_at <= now).order_by(PlaceHold.id)).all()
    lapsed = 0
    for hold in due:
        try:
            _end(hold, (HoldStatus.HELD, HoldStatus.OFFERED), HoldStatus.LAPSED, now)
            lapsed += 1
        except HoldNotActive:  # released or confirmed by someone else meanwhile
            pass
    return lapsed


def _end(hold: PlaceHold, from_statuses, status: str, now: datetime) -> PlaceHold:
    # Decide from the database, not from the object in memory: a hold seen waiting may have
    # been offered places by another worker a moment ago, and those places must come back.
    occupying = tuple(s for s in from_statuses if s in HoldStatus.OCCUPYING)
    if occupying and _move(hold, occupying, status, ended_at=now):
        pool = db.session.get(PlacePool, hold.pool_id)
        _unclaim(pool, hold.quantity)
        _offer_freed(pool, now)
    elif not (HoldStatus.WAITING in from_statuses and _move(hold, (HoldStatus.WAITING,), status, ended_at=now)):
        raise HoldNotActive()
    return hold


def _offer_freed(pool: PlacePool, now: datetime) -> None:
    if pool.allocation == Allocation.OWNER:  # freed places go back to the owner, who grants them again
        return
    waiting = db.session.execute(sa.select(PlaceHold.id, PlaceHold.quantity).where(
        PlaceHold.pool_id == pool.id, PlaceHold.status == HoldStatus.WAITING).order_by(PlaceHold.id)).all()
    for hold_id in rules.offer_order([tuple(row) for row in waiting], free(pool)):
        hold = db.session.get(PlaceHold, hold_id)
        if not _claim(pool, hold.quantity):
            break  # someone else took the free places meanwhile: the line waits for the next release
        if _move(hold, (HoldStatus.WAITING,), HoldStatus.OFFERED, expires_at=_after(now, pool.offer_minutes)):
            place_offered.send(hold)
        else:  # left the line meanwhile: give the places back
            _unclaim(pool, hold.quantity)


def _claim(pool: PlacePool, quantity: int) -> bool:
    done = db.session.execute(sa.update(PlacePool).where(
        PlacePool.id == pool.id, PlacePool.taken + quantity <= PlacePool.capacity)
        .values(taken=PlacePool.taken + quantity).execution_options(synchronize_session=False))
    db.session.refresh(pool)
    return done.rowcount == 1


def _unclaim(pool: PlacePool, quantity: int) -> None:
    db.session.execute(sa.update(PlacePool).where(PlacePool.id == pool.id)
                       .values(taken=PlacePool.taken - quantity).execution_options(synchronize_session=False))
    db.session.refresh(pool)


def _move(hold: PlaceHold, from_statuses, status: str, *, extra=None, **values) -> bool:
    """Change the status only if the database still has one of `from_statuses`."""
    where = [PlaceHold.id == hold.id, PlaceHold.status.in_(from_statuses)]
    if extra is not None:
        where.append(extra)
    done = db.session.execute(sa.update(PlaceHold).where(*where).values(status=status, **values)
                              .execution_options(synchronize_session=False))
    db.session.refresh(hold)
    return done.rowcount == 1


def _minutes(delta: timedelta | None) -> int | None:
    return None if delta is None else int(delta.total_seconds() // 60)


def _after(now: datetime, minutes: int | None) -> datetime | None:
    return None if minutes is None else now + timedelta(minutes=minutes)
