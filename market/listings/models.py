"""Offers and needs ("annonces"), with the fields of each category."""
from datetime import datetime, date

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.types import UTCDateTime, split_labels, utcnow

KINDS = ("offer", "need")
CATEGORIES = ("equipment", "premises", "skill", "volunteering")
TERMS = ("free", "loan", "rent", "sale", "exchange")
PRICED_TERMS = ("rent", "sale")
CONDITIONS = ("new", "good", "fair", "to_repair")
SKILL_DOMAINS = ("legal", "accounting", "communication", "it", "technical", "fundraising", "other")
CLOSE_REASONS = ("fulfilled", "withdrawn")
PUBLIC_INDEX_INCLUDES = ("kind", "category", "terms", "commune_code", "urgent", "organization_id", "author_id")


class Listing(db.Model):
    __tablename__ = "listings"
    __table_args__ = (
        # PostgreSQL: the facet columns too, so that browsing counts its facets from the index alone
        sa.Index("ix_listings_public", "status", "hidden", "expires_at", postgresql_include=PUBLIC_INDEX_INCLUDES),
        sa.CheckConstraint("price_cents IS NULL OR price_cents >= 0", name="price_positive"),
        sa.CheckConstraint("quantity >= 1", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(10))
    category: Mapped[str] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(140))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    commune_code: Mapped[str] = mapped_column(sa.String(5), index=True)
    terms: Mapped[str] = mapped_column(sa.String(20), default="free")
    price_cents: Mapped[int | None] = mapped_column()
    quantity: Mapped[int] = mapped_column(default=1)
    available_from: Mapped[date | None] = mapped_column(sa.Date)
    available_until: Mapped[date | None] = mapped_column(sa.Date)
    tags: Mapped[str] = mapped_column(sa.Text, default="")
    urgent: Mapped[bool] = mapped_column(default=False)
    # equipment
    condition: Mapped[str | None] = mapped_column(sa.String(20))
    deposit_cents: Mapped[int | None] = mapped_column()
    # premises
    capacity: Mapped[int | None] = mapped_column()
    surface_m2: Mapped[int | None] = mapped_column()
    step_free: Mapped[bool | None] = mapped_column()
    amenities: Mapped[str] = mapped_column(sa.Text, default="")
    # skills
    skill_domain: Mapped[str | None] = mapped_column(sa.String(20))
    remote: Mapped[bool | None] = mapped_column()
    # volunteering
    people_needed: Mapped[int | None] = mapped_column()
    schedule: Mapped[str] = mapped_column(sa.String(200), default="")  # dates and hours, as typed
    # lifecycle
    status: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    close_reason: Mapped[str | None] = mapped_column(sa.String(20))
    moderation_note: Mapped[str] = mapped_column(sa.Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False)  # hidden by reports until a coordinator decides
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # the analysed words of title, tags and description, written by market.matching.terms on every save
    match_terms: Mapped[str | None] = mapped_column(sa.Text, deferred=True)

    organization: Mapped[Organization | None] = relationship()
    author: Mapped[User] = relationship()

    @property
    def tag_list(self) -> list[str]:
        return split_labels(self.tags)

    @property
    def amenity_list(self) -> list[str]:
        return split_labels(self.amenities)

    @property
    def commune(self):
        from market.geo import get
        return get(self.commune_code)

    @property
    def commune_name(self) -> str:
        commune = self.commune
        return commune.name if commune else self.commune_code

    @property
    def owner_name(self) -> str:
        return self.organization.name if self.organization else self.author.display_name

    @property
    def is_expired(self) -> bool:
        return self.status == "expired" or (self.status == "published" and self.expires_at <= utcnow())

    def is_public(self) -> bool:
        """Shown to everyone: published, not hidden, not expired, owner not suspended."""
        return (self.status == "published" and not self.hidden and self.expires_at > utcnow()
                and (self.organization is None or not self.organization.is_suspended)
                and self.author.status == "active")

    @property
    def url(self) -> str:
        return url_for("listings.show", listing_id=self.id)

    def __repr__(self):
        return f"<Listing {self.id} {self.kind} {self.title!r}>"
