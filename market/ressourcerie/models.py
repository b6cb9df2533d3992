"""Batches given, their photos, reservations (each one hold of market.places) and handover entries."""
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.places.models import Allocation, PlaceHold, PlacePool
from market.types import UTCDateTime, utcnow
from market.uploads.models import Upload

BATCH_STATUSES = ("open", "given", "closed")


class Batch(db.Model):
    """A lot of `quantity` alike items; the places of its pool are the items one may reserve."""

    __tablename__ = "ressourcerie_batches"
    __table_args__ = (sa.CheckConstraint("quantity > 0", name="quantity_positive"),
                      sa.CheckConstraint("unit_weight_g >= 0", name="weight_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    donor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"),
                                                        index=True)
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("place_pools.id", ondelete="RESTRICT"), unique=True)
    title: Mapped[str] = mapped_column(sa.String(140))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    category: Mapped[str] = mapped_column(sa.String(20), index=True)
    condition: Mapped[str] = mapped_column(sa.String(20))
    quantity: Mapped[int]
    unit_weight_g: Mapped[int]
    weighed: Mapped[bool] = mapped_column(default=False)
    commune_code: Mapped[str] = mapped_column(sa.String(5), index=True)
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    pickup_windows: Mapped[str] = mapped_column(sa.String(300), default="")
    give_before: Mapped[date | None]
    requests_until: Mapped[date | None]  # "je choisis": requests are collected until this day, then the giver allocates
    max_per_member: Mapped[int | None]
    status: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    needs_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # members whose need it answers were told

    donor: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()
    pool: Mapped[PlacePool] = relationship()
    photos: Mapped[list["BatchPhoto"]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                                      order_by="BatchPhoto.position")
    reservations: Mapped[list["Reservation"]] = relationship(back_populates="batch", order_by="Reservation.id")

    @property
    def chooses(self) -> bool:
        """The giver chooses who receives ("je choisis"): its pool's places are granted, never taken in turn."""
        return self.pool.allocation == Allocation.OWNER

    @property
    def rule(self) -> str:
        return "choice" if self.chooses else "first"

    @property
    def giver_name(self) -> str:
        return self.organization.name if self.organization else self.donor.display_name

    @property
    def commune(self):
        from market import geo
        return geo.get(self.commune_code)

    @property
    def commune_name(self) -> str:
        commune = self.commune
        return commune.name if commune else self.commune_code

    @property
    def url(self) -> str:
        return url_for("ressourcerie.batch", batch_id=self.id)


class BatchPhoto(db.Model):
    __tablename__ = "ressourcerie_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("ressourcerie_batches.id", ondelete="CASCADE"), index=True)
    upload_id: Mapped[int] = mapped_column(sa.ForeignKey("uploads.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)

    batch: Mapped[Batch] = relationship(back_populates="photos")
    upload: Mapped[Upload] = relationship()


class Reservation(db.Model):
    """A member's request for n items of a batch: its state is the state of its hold in market.places."""

    __tablename__ = "ressourcerie_reservations"
    __table_args__ = (sa.UniqueConstraint("batch_id", "code", name="code_per_batch"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("ressourcerie_batches.id", ondelete="CASCADE"), index=True)
    hold_id: Mapped[int] = mapped_column(sa.ForeignKey("place_holds.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"))
    code: Mapped[str] = mapped_column(sa.String(8))  # shown on the receiver's phone, typed by the giver
    lapse_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    batch: Mapped[Batch] = relationship(back_populates="reservations")
    hold: Mapped[PlaceHold] = relationship()
    user: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()

    @property
    def status(self) -> str:
        """The hold's status as its name: HELD, OFFERED, WAITING, DONE, RELEASED, LAPSED."""
        value = self.hold.status
        return str(getattr(value, "name", value)).upper()

    @property
    def receiver_name(self) -> str:
        return self.organization.name if self.organization else self.user.display_name


class Handover(db.Model):
    """An entry of what was handed over; a correction is a new entry (signed), never an edit."""

    __tablename__ = "ressourcerie_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("ressourcerie_batches.id", ondelete="CASCADE"), index=True)
    reservation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("ressourcerie_reservations.id", ondelete="SET NULL"), index=True)
    corrects_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ressourcerie_handovers.id", ondelete="SET NULL"))
    quantity: Mapped[int]
    weight_g: Mapped[int]
    category: Mapped[str] = mapped_column(sa.String(20))
    giver_name: Mapped[str] = mapped_column(sa.String(140))
    receiver_name: Mapped[str] = mapped_column(sa.String(140))
    method: Mapped[str] = mapped_column(sa.String(12))  # donor | code | correction
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    batch: Mapped[Batch] = relationship()
