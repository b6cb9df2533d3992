"""Workshops of the time bank: a date, a place or a video link, seats held through market/places."""
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.extensions import db
from market.types import UTCDateTime, utcnow


class Workshop(db.Model):
    """A provider's account gives a workshop to the members who book a seat (a pool of market/places).

    open -> recorded (the provider said who came) ; open -> cancelled (with a reason, everyone told)."""
    __tablename__ = "timebank_workshops"
    __table_args__ = (sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
                      sa.CheckConstraint("notice_hours >= 0", name="notice_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    pool_id: Mapped[int] = mapped_column(sa.ForeignKey("place_pools.id"), unique=True)
    skill: Mapped[str] = mapped_column(sa.String(40), index=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(sa.String(200), default="")
    commune_code: Mapped[str | None] = mapped_column(sa.String(5))
    video_url: Mapped[str] = mapped_column(sa.String(300), default="")
    notice_hours: Mapped[int] = mapped_column(default=24)
    status: Mapped[str] = mapped_column(sa.String(12), default="open", index=True)
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    account = relationship("LedgerAccount")
    author = relationship("User")
    pool = relationship("PlacePool")
    seats: Mapped[list["WorkshopSeat"]] = relationship(back_populates="workshop", order_by="WorkshopSeat.id")

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def url(self) -> str:
        return url_for("timebank.workshop", workshop_id=self.id)


class WorkshopSeat(db.Model):
    """One member's booking: its hold (held, offered, waiting...) and, after the workshop, the minutes it pays.

    booked -> recorded (came) -> credited | contested ; booked -> absent ; booked -> cancelled."""
    __tablename__ = "timebank_workshop_seats"
    __table_args__ = (sa.CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("timebank_workshops.id", ondelete="CASCADE"), index=True)
    hold_id: Mapped[int] = mapped_column(sa.ForeignKey("place_holds.id"), unique=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(12), default="booked", index=True)
    minutes: Mapped[int | None] = mapped_column()
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contest_reason: Mapped[str] = mapped_column(sa.Text, default="")
    entry_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_entries.id"), unique=True)
    credited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="seats")
    hold = relationship("PlaceHold")
    account = relationship("LedgerAccount")
    user = relationship("User")
    entry = relationship("LedgerEntry")

    @property
    def url(self) -> str:
        return url_for("timebank.workshop", workshop_id=self.workshop_id, _anchor=f"seat-{self.id}")
