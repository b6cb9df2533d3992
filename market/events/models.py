"""Events (manifestations), their co-organisers, shifts (each a place pool) and the hours that count."""
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.types import UTCDateTime, split_labels, utcnow

EVENT_STATUSES = ("published", "cancelled")


class Event(db.Model):
    """A manifestation posted by an association, possibly co-organised with others."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    commune_code: Mapped[str] = mapped_column(sa.String(5), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="published", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()
    co_organizers: Mapped[list["EventOrganizer"]] = relationship(back_populates="event", cascade="all, delete-orphan")
    shifts: Mapped[list["Shift"]] = relationship(back_populates="event", cascade="all, delete-orphan",
                                                 order_by="Shift.starts_at, Shift.id")

    @property
    def organizations(self) -> list[Organization]:
        """The main organiser first, then the co-organisers."""
        return [self.organization] + [c.organization for c in self.co_organizers]

    @property
    def commune(self):
        from market.geo import get
        return get(self.commune_code)

    @property
    def commune_name(self) -> str:
        commune = self.commune
        return commune.name if commune else ""

    @property
    def starts_at(self) -> datetime | None:
        return min((s.starts_at for s in self.shifts), default=None)

    @property
    def ends_at(self) -> datetime | None:
        return max((s.ends_at for s in self.shifts), default=None)

    @property
    def url(self) -> str:
        return url_for("events.show", event_id=self.id)


class EventOrganizer(db.Model):
    """Another association of the network co-organising the event ("programmation commune")."""

    __tablename__ = "event_organizers"

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"),
                                                 primary_key=True)

    event: Mapped[Event] = relationship(back_populates="co_organizers")
    organization: Mapped[Organization] = relationship()


class Shift(db.Model):
    """A shift of an event: a time, a role, skills wanted; its places are a pool of market/places."""

    __tablename__ = "event_shifts"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("place_pools.id"), unique=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    role: Mapped[str] = mapped_column(sa.String(120))
    skills: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship(back_populates="shifts")
    pool = relationship("PlacePool")

    @property
    def skill_list(self) -> list[str]:
        return split_labels(self.skills)

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def capacity(self) -> int:
        return self.pool.capacity

    @property
    def url(self) -> str:
        return url_for("events.show", event_id=self.event_id, _anchor=f"shift-{self.id}")


class Attendance(db.Model):
    """The organiser's word after the shift: who came, and the minutes that count for them."""

    __tablename__ = "event_attendances"
    __table_args__ = (sa.UniqueConstraint("shift_id", "user_id", name="uq_event_attendances_shift_user"),
                      sa.CheckConstraint("minutes >= 0", name="minutes_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(sa.ForeignKey("event_shifts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    hold_id: Mapped[int | None] = mapped_column(sa.ForeignKey("place_holds.id", ondelete="SET NULL"))
    attended: Mapped[bool] = mapped_column(default=True)
    minutes: Mapped[int] = mapped_column(default=0)
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    shift: Mapped[Shift] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])


INVITATION_STATUSES = ("pending", "accepted", "declined")


class Invitation(db.Model):
    """An association asks a volunteer of the pool to take a shift; they accept (a sign-up) or decline."""

    __tablename__ = "event_invitations"
    __table_args__ = (sa.UniqueConstraint("shift_id", "user_id", name="uq_event_invitations_shift_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(sa.ForeignKey("event_shifts.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"))
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    shift: Mapped[Shift] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organization: Mapped[Organization] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def url(self) -> str:
        return url_for("events.invitation", invitation_id=self.id)
