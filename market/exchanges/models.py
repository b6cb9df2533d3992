"""Conversations, premises bookings, equipment loans and agreements between members."""
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.listings.models import Listing
from market.types import UTCDateTime, split_labels, utcnow

SIDES = ("owner", "requester")
BOOKING_STATUSES = ("requested", "accepted", "declined", "cancelled")
LOAN_STATUSES = ("requested", "accepted", "picked_up", "returned", "declined", "cancelled", "overdue")
AGREEMENT_STATUSES = ("proposed", "confirmed", "done", "cancelled")
DEPOSIT_STATES = ("none", "held", "returned", "kept")
REPORT_STATUSES = ("open", "hidden", "dismissed")


class Conversation(db.Model):
    """A thread between a person (for an organisation or alone) and the owner side of a listing."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    owner_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    owner_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    requester_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    listing: Mapped[Listing] = relationship()
    owner_org: Mapped[Organization | None] = relationship(foreign_keys=[owner_org_id])
    owner_user: Mapped[User | None] = relationship(foreign_keys=[owner_user_id])
    requester: Mapped[User] = relationship(foreign_keys=[requester_id])
    requester_org: Mapped[Organization | None] = relationship(foreign_keys=[requester_org_id])
    messages: Mapped[list["Message"]] = relationship(back_populates="conversation", cascade="all, delete-orphan",
                                                     order_by="Message.id")

    def side_name(self, side: str) -> str:
        """The name shown for one side: the organisation, or the person."""
        if side == "owner":
            return self.owner_org.name if self.owner_org else self.owner_user.display_name
        return self.requester_org.name if self.requester_org else self.requester.display_name

    @property
    def giver_side(self) -> str:
        """Who gives in this exchange: the owner of an offer, the person answering a need."""
        return "owner" if self.listing.kind == "offer" else "requester"

    @property
    def url(self) -> str:
        return url_for("exchanges.conversation", conversation_id=self.id)


class Message(db.Model):
    __tablename__ = "conversation_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # hidden by a coordinator after a report

    conversation: Mapped[Conversation] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship()


class ConversationRead(db.Model):
    """Up to which message one participant has read a conversation (unread counts)."""

    __tablename__ = "conversation_reads"

    conversation_id: Mapped[int] = mapped_column(sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    last_read_message_id: Mapped[int] = mapped_column(default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MessageReport(db.Model):
    """A participant reports one message; coordinators see that message only."""

    __tablename__ = "message_reports"
    __table_args__ = (sa.UniqueConstraint("message_id", "reporter_id", name="uq_message_reports_message_reporter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("conversation_messages.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    message: Mapped[Message] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])


class RoomSettings(db.Model):
    """The calendar rules of a premises offer (a room). Absent row: the defaults of rules.py."""

    __tablename__ = "room_settings"

    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    opening_hours: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {"0": [["09:00", "12:00"]], ...} 0 = Monday
    min_minutes: Mapped[int] = mapped_column(default=60)
    max_minutes: Mapped[int] = mapped_column(default=720)
    buffer_minutes: Mapped[int] = mapped_column(default=0)
    notice_hours: Mapped[int] = mapped_column(default=48)
    closed_dates: Mapped[str] = mapped_column(sa.Text, default="")  # "2026-12-25; 2027-01-01"
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    listing: Mapped[Listing] = relationship()

    @property
    def closed_date_list(self) -> list[date]:
        return [date.fromisoformat(d) for d in split_labels(self.closed_dates)]


class _Exchange:
    """Columns shared by bookings, loans and agreements."""

    @property
    def owner_name(self) -> str:
        return self.conversation.side_name("owner")

    @property
    def requester_name(self) -> str:
        return self.conversation.side_name("requester")


class Booking(_Exchange, db.Model):
    __tablename__ = "bookings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.Index("ix_bookings_room_time", "listing_id", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attendees: Mapped[int | None] = mapped_column()
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="requested")
    decline_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancelled_by_side: Mapped[str | None] = mapped_column(sa.String(10))
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    listing: Mapped[Listing] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def url(self) -> str:
        return url_for("exchanges.booking", booking_id=self.id)


class BookingSlot(db.Model):
    """One quarter-hour of a room taken by an accepted booking (with its buffer).

    The primary key (room, quarter-hour) is what makes two accepted bookings of the same room
    impossible to overlap, whatever the timing of the transactions, on SQLite and PostgreSQL.
    """

    __tablename__ = "booking_slots"

    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    booking_id: Mapped[int] = mapped_column(sa.ForeignKey("bookings.id", ondelete="CASCADE"), index=True)


class Loan(_Exchange, db.Model):
    __tablename__ = "loans"
    __table_args__ = (
        sa.CheckConstraint("quantity >= 1", name="quantity_positive"),
        sa.CheckConstraint("due_on >= starts_on", name="due_after_start"),
        sa.CheckConstraint("deposit_cents >= 0", name="deposit_positive"),
        sa.Index("ix_loans_item_dates", "listing_id", "status", "starts_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    quantity: Mapped[int] = mapped_column(default=1)
    starts_on: Mapped[date] = mapped_column(sa.Date)
    due_on: Mapped[date] = mapped_column(sa.Date)
    deposit_cents: Mapped[int] = mapped_column(default=0)
    deposit_state: Mapped[str] = mapped_column(sa.String(10), default="none")
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="requested")
    decline_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancelled_by_side: Mapped[str | None] = mapped_column(sa.String(10))
    pickup_checklist: Mapped[str] = mapped_column(sa.String(200), default="")
    pickup_note: Mapped[str] = mapped_column(sa.Text, default="")
    picked_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_checklist: Mapped[str] = mapped_column(sa.String(200), default="")
    return_note: Mapped[str] = mapped_column(sa.Text, default="")
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    listing: Mapped[Listing] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def pickup_checks(self) -> list[str]:
        return split_labels(self.pickup_checklist)

    @property
    def return_checks(self) -> list[str]:
        return split_labels(self.return_checklist)

    @property
    def url(self) -> str:
        return url_for("exchanges.loan", loan_id=self.id)


class StockLock(db.Model):
    """One row per lent item, updated first in every transaction that commits stock (a write lock)."""

    __tablename__ = "stock_locks"

    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(default=0)


class Agreement(_Exchange, db.Model):
    """Skills or volunteering: what, when, how many hours; confirmed then marked done by both sides."""

    __tablename__ = "agreements"
    __table_args__ = (sa.CheckConstraint("minutes > 0", name="minutes_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    scheduled_on: Mapped[date] = mapped_column(sa.Date)
    time_note: Mapped[str] = mapped_column(sa.String(100), default="")
    minutes: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(20), default="proposed", index=True)
    proposed_by_side: Mapped[str] = mapped_column(sa.String(10))
    owner_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requester_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requester_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner_note: Mapped[str] = mapped_column(sa.Text, default="")  # thank-you note written by the owner side
    requester_note: Mapped[str] = mapped_column(sa.Text, default="")
    cancel_reason: Mapped[str] = mapped_column(sa.Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    conversation: Mapped[Conversation] = relationship()
    listing: Mapped[Listing] = relationship()

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def url(self) -> str:
        return url_for("exchanges.agreement", agreement_id=self.id)


class CalendarFeed(db.Model):
    """The secret address of an iCalendar feed: of an organisation, or of one room."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), unique=True)
    listing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization | None] = relationship()
    listing: Mapped[Listing | None] = relationship()

    @property
    def url(self) -> str:
        return url_for("exchanges.ical_feed", token=self.token, _external=True)
