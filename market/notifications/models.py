"""In-app notices, the e-mail queue, per-user preferences and the newsletter's bookkeeping."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import User
from market.extensions import db
from market.types import UTCDateTime, utcnow

FREQUENCIES = ("immediately", "daily", "weekly", "never")
EMAIL_STATUSES = ("pending", "sending", "sent", "failed", "cancelled")


class Notification(db.Model):
    """One notice to one person; `dedupe_key` makes the same notice impossible twice."""
    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "dedupe_key", name="uq_notifications_user_dedupe"),
        sa.Index("ix_notifications_user_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    url: Mapped[str] = mapped_column(sa.String(500), default="")
    listing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200))
    in_app: Mapped[bool] = mapped_column(default=True)  # False: recorded (for dedupe) but not listed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutgoingEmail(db.Model):
    """An e-mail waiting to be sent by `market send-notifications` (never sent twice, see sender.py)."""
    __tablename__ = "outgoing_emails"
    __table_args__ = (
        sa.Index("ix_outgoing_emails_due", "status", "due_at"),
        sa.UniqueConstraint("dedupe_key", name="uq_outgoing_emails_dedupe_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    notification_id: Mapped[int | None] = mapped_column(sa.ForeignKey("notifications.id", ondelete="CASCADE"))
    listing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    stream: Mapped[str] = mapped_column(sa.String(20), default="notices")  # notices | digest
    batch: Mapped[str] = mapped_column(sa.String(20), default="immediately")  # or daily | weekly
    template: Mapped[str] = mapped_column(sa.String(80))
    subject: Mapped[str] = mapped_column(sa.String(200))
    context: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    claim: Mapped[str | None] = mapped_column(sa.String(40))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(sa.String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    notification: Mapped[Notification | None] = relationship()


class NotificationPreference(db.Model):
    """A person's choices per channel; a missing row means the defaults below."""
    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    in_app: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)
    email_frequency: Mapped[str] = mapped_column(sa.String(20), default="immediately")
    match_alerts: Mapped[bool] = mapped_column(default=True)
    urgent_calls: Mapped[bool] = mapped_column(default=True)
    newsletter: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class DigestIssue(db.Model):
    """A newsletter issue with the coordinator's editorial: a draft (key None) until send-digest
    gives it the key of the period it goes out in (e.g. weekly 2025-W48)."""
    __tablename__ = "digest_issues"
    __table_args__ = (sa.UniqueConstraint("period", "key", name="uq_digest_issues_period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(sa.String(10))  # weekly | daily
    key: Mapped[str | None] = mapped_column(sa.String(20))  # 2025-W48 | 2025-11-25; None: draft
    editorial: Mapped[str] = mapped_column(sa.Text, default="")
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class DigestDelivery(db.Model):
    """One user's copy of one issue: unique, so running send-digest twice sends nothing new."""
    __tablename__ = "digest_deliveries"
    __table_args__ = (sa.UniqueConstraint("user_id", "period", "key", name="uq_digest_deliveries_user_period_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(sa.String(10))
    key: Mapped[str] = mapped_column(sa.String(20))
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    item_count: Mapped[int] = mapped_column(default=0)
    email_id: Mapped[int | None] = mapped_column(sa.ForeignKey("outgoing_emails.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
