"""A pool of limited places and the holds taken on it (the waiting list included)."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import User
from market.extensions import db
from market.types import UTCDateTime, utcnow


class HoldStatus:
    HELD = "held"          # places taken; lapse at expires_at when the pool has a hold window
    OFFERED = "offered"    # freed places set aside for the next in line, to confirm before expires_at
    WAITING = "waiting"    # in line, no place yet
    DONE = "done"          # used (collected, attended): the places stay counted
    RELEASED = "released"  # given back by the holder or the owner
    LAPSED = "lapsed"      # not collected or not confirmed in time
    OCCUPYING = (HELD, OFFERED, DONE)
    ALL = (HELD, OFFERED, WAITING, DONE, RELEASED, LAPSED)


class Allocation:
    LINE = "line"    # free places go to whoever asks first; freed places to the waiting list, in order
    OWNER = "owner"  # every request waits; the pool's owner grants places (a giver who chooses)
    ALL = (LINE, OWNER)


class PlacePool(db.Model):
    """n places of one thing (a donated batch, a shift, a workshop); `taken` counts the occupying holds."""

    __tablename__ = "place_pools"
    __table_args__ = (
        sa.CheckConstraint("capacity >= 0", name="capacity_positive"),
        # The database itself refuses a place beyond the capacity, whatever the application checked.
        sa.CheckConstraint("taken >= 0 AND taken <= capacity", name="taken_within_capacity"),
        sa.CheckConstraint("allocation IN ('line', 'owner')", name="allocation_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    capacity: Mapped[int] = mapped_column(sa.Integer)
    taken: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    hold_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    offer_minutes: Mapped[int] = mapped_column(sa.Integer, default=2880, server_default="2880")
    allocation: Mapped[str] = mapped_column(sa.String(10), default=Allocation.LINE, server_default=Allocation.LINE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PlaceHold(db.Model):
    """One person's claim on a pool: places held, offered, used, or a place in the waiting list."""

    __tablename__ = "place_holds"
    __table_args__ = (
        sa.CheckConstraint("quantity >= 1", name="quantity_positive"),
        sa.CheckConstraint("status IN ('held', 'offered', 'waiting', 'done', 'released', 'lapsed')",
                           name="status_known"),
        sa.Index("ix_place_holds_pool_status", "pool_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("place_pools.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(sa.Integer, default=1)
    status: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    pool: Mapped[PlacePool] = relationship()
    user: Mapped[User] = relationship()

    @property
    def occupying(self) -> bool:
        return self.status in HoldStatus.OCCUPYING
