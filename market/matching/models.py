"""Saved searches, dismissed suggestions, and the queue of alerts to compute after publication."""
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import User
from market.extensions import db
from market.listings.models import Listing
from market.types import UTCDateTime, utcnow

FREQUENCIES = ("immediately", "daily", "weekly", "never")


class SavedSearch(db.Model):
    """Words and filters of a search, with how often its new results are sent ("never": a shortcut)."""
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    filters: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # as market.listings.queries.clean_filters
    frequency: Mapped[str] = mapped_column(sa.String(20), default="daily")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()

    @property
    def url(self) -> str:
        return url_for("listings.browse", **self.filters)


class MatchDismissal(db.Model):
    """A suggestion (other listing for this listing) that its owner dismissed: it never comes back."""
    __tablename__ = "match_dismissals"
    __table_args__ = (sa.UniqueConstraint("listing_id", "other_id", name="uq_match_dismissals_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlertJob(db.Model):
    """Recorded when a listing is published (cheap, in the request); processed by the command."""
    __tablename__ = "alert_jobs"
    __table_args__ = (sa.Index("ix_alert_jobs_pending", "processed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")

    listing: Mapped[Listing] = relationship()


# Candidates of a match are read as "same category, opposite kind, newest first": this index lets the
# database walk them in that order and stop at the limit instead of sorting the whole table. It also
# holds every column the walk reads (live or not, where, the key words' title and tags, the listing's
# id), so that the walk never reads the table itself: ~3x faster on SQLite and on PostgreSQL (an
# index-only scan), for ~20 % of the table's size (bench/matching.py, README). Tags are at most 300
# characters (forms, imports, API): well within an index entry. Declared here, on the listings table,
# so that the listings models stay untouched; created by migration 0003, widened by 0018.
MATCH_CANDIDATES_COLUMNS = ("category", "kind", "published_at", "status", "hidden", "expires_at", "commune_code",
                            "skill_domain", "title", "tags", "id")
sa.Index("ix_listings_match_candidates", *(Listing.__table__.c[name] for name in MATCH_CANDIDATES_COLUMNS))
