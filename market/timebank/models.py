"""Coups de pouce offered or asked, and the exchanges that follow them until their hours are credited."""
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.extensions import db
from market.types import UTCDateTime, utcnow


class HelpPost(db.Model):
    """A member offers (kind "offer": they give) or asks (kind "ask": they receive) a coup de pouce."""
    __tablename__ = "timebank_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(10))  # offer | ask
    skill: Mapped[str] = mapped_column(sa.String(40), index=True)
    title: Mapped[str] = mapped_column(sa.String(160))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    minutes: Mapped[int] = mapped_column(default=60)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"))
    status: Mapped[str] = mapped_column(sa.String(10), default="open", index=True)  # open | closed
    # an offer of n one-to-one slots holds them in a pool of market/places (None: as many as asked)
    pool_id: Mapped[int | None] = mapped_column(sa.ForeignKey("place_pools.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")
    account = relationship("LedgerAccount")
    pool = relationship("PlacePool")

    @property
    def url(self) -> str:
        return url_for("timebank.post", post_id=self.id)


class HelpExchange(db.Model):
    """One coup de pouce between a giver's account and a receiver's account.

    requested -> agreed -> recorded (the giver says how long) -> credited (the receiver confirms, or 72 h pass
    without contest); requested -> declined; requested|agreed -> cancelled; recorded -> contested.
    On a post with slots, `hold` is the slot: waiting (in line) -> requested once a freed slot is taken.
    """
    __tablename__ = "timebank_exchanges"
    __table_args__ = (sa.CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes_positive"),
                      sa.CheckConstraint("giver_account_id <> receiver_account_id", name="two_accounts"))

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("timebank_posts.id", ondelete="CASCADE"), index=True)
    giver_account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    receiver_account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    scheduled_on: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(12), default="requested", index=True)
    minutes: Mapped[int | None] = mapped_column()
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    contest_reason: Mapped[str] = mapped_column(sa.Text, default="")
    credited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    entry_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_entries.id"), unique=True)
    hold_id: Mapped[int | None] = mapped_column(sa.ForeignKey("place_holds.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[HelpPost] = relationship()
    hold = relationship("PlaceHold")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    giver_account = relationship("LedgerAccount", foreign_keys=[giver_account_id])
    receiver_account = relationship("LedgerAccount", foreign_keys=[receiver_account_id])
    entry = relationship("LedgerEntry")

    @property
    def url(self) -> str:
        return url_for("timebank.exchange", exchange_id=self.id)


class TimebankSettings(db.Model):
    """The coordinators' settings (one row): new accounts' limits and welcome credit, the workshops' rule."""
    __tablename__ = "timebank_settings"
    __table_args__ = (sa.CheckConstraint("welcome_minutes >= 0", name="welcome_not_negative"),
                      sa.CheckConstraint("workshop_rule IN ('per_attendee', 'shared')", name="workshop_rule_known"))

    id: Mapped[int] = mapped_column(primary_key=True)
    welcome_minutes: Mapped[int] = mapped_column(default=0)
    hard_floor: Mapped[int | None] = mapped_column()
    soft_floor: Mapped[int | None] = mapped_column()
    soft_ceiling: Mapped[int | None] = mapped_column()
    hard_ceiling: Mapped[int | None] = mapped_column()
    workshop_rule: Mapped[str] = mapped_column(sa.String(20), default="per_attendee")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementCredit(db.Model):
    """The hours of an agreement (market/exchanges) on their way to the ledger: credited when both sides marked it
    done, or 72 hours after the first side did unless the other contests. pending -> credited | contested."""
    __tablename__ = "timebank_agreement_credits"
    __table_args__ = (sa.CheckConstraint("minutes > 0", name="minutes_positive"),
                      sa.CheckConstraint("giver_account_id <> receiver_account_id", name="two_accounts"))

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(sa.ForeignKey("agreements.id", ondelete="CASCADE"), unique=True)
    giver_account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    receiver_account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    minutes: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(12), default="pending", index=True)
    first_done_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_done_side: Mapped[str] = mapped_column(sa.String(10))  # owner | requester
    contest_reason: Mapped[str] = mapped_column(sa.Text, default="")
    blocked_reason: Mapped[str] = mapped_column(sa.Text, default="")  # a hard limit refused it: retried hourly
    entry_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_entries.id"), unique=True)
    credited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agreement = relationship("Agreement")
    giver_account = relationship("LedgerAccount", foreign_keys=[giver_account_id])
    receiver_account = relationship("LedgerAccount", foreign_keys=[receiver_account_id])
    entry = relationship("LedgerEntry")


from market.timebank import skill_models, workshop_models  # noqa: E402,F401  (their tables, for Alembic too)
