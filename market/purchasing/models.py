"""Group purchases: the group and its price tiers, each organisation's commitment, corrections after closing."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.types import UTCDateTime, utcnow

STATUSES = ("open", "short", "confirmed", "cancelled")  # short: deadline passed below the minimum
SPLIT_RULES = ("quantity", "equal")
PARIS = ZoneInfo("Europe/Paris")


class PurchaseGroup(db.Model):
    """A product bought together; `committed_total` is the sum of the commitments, kept by one SQL update."""

    __tablename__ = "purchase_groups"
    __table_args__ = (
        sa.CheckConstraint("committed_total >= 0", name="total_not_negative"),
        sa.CheckConstraint("max_quantity IS NULL OR committed_total <= max_quantity", name="total_within_stock"),
        sa.CheckConstraint("min_total >= 1", name="min_total_positive"),
        sa.CheckConstraint("fixed_costs_cents >= 0", name="fixed_costs_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(140))
    unit: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    supplier_name: Mapped[str] = mapped_column(sa.String(140))
    supplier_contact: Mapped[str] = mapped_column(sa.String(300), default="")
    organizer_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    fixed_costs_cents: Mapped[int] = mapped_column(default=0)
    fixed_costs_label: Mapped[str] = mapped_column(sa.String(140), default="")
    split_rule: Mapped[str] = mapped_column(sa.String(20), default="quantity")
    min_total: Mapped[int] = mapped_column(default=1)
    max_quantity: Mapped[int | None] = mapped_column()
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    delivery_plan: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    extended: Mapped[bool] = mapped_column(default=False)
    committed_total: Mapped[int] = mapped_column(default=0)
    final_unit_price_cents: Mapped[int | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organizer_org: Mapped[Organization | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    tiers: Mapped[list["PriceTier"]] = relationship(back_populates="group", cascade="all, delete-orphan",
                                                    order_by="PriceTier.min_quantity")
    commitments: Mapped[list["Commitment"]] = relationship(back_populates="group", cascade="all, delete-orphan",
                                                           order_by="Commitment.id")

    @property
    def organizer_name(self) -> str:
        if self.organizer_org is not None:
            return self.organizer_org.name
        return self.created_by.display_name if self.created_by else ""

    @property
    def last_day(self) -> date:
        """The last day (Paris time) commitments are taken: the deadline is the midnight that ends it."""
        return (self.closes_at.astimezone(PARIS) - timedelta(microseconds=1)).date()

    @property
    def decision_last_day(self) -> date:
        """Short of its minimum: the last day its organiser may extend it (then the deadline command cancels it)."""
        from market.purchasing.rules import decision_deadline
        return (decision_deadline(self.closes_at).astimezone(PARIS) - timedelta(microseconds=1)).date()

    @property
    def notice_key(self) -> str:
        """Notices about this group are deduplicated per person under this key and an event."""
        return f"purchase:{self.id}"

    @property
    def url(self) -> str:
        return url_for("purchasing.show", group_id=self.id)


class PriceTier(db.Model):
    """From `min_quantity` units in total, every unit costs `unit_price_cents`."""

    __tablename__ = "purchase_tiers"
    __table_args__ = (
        sa.UniqueConstraint("group_id", "min_quantity", name="uq_purchase_tiers_group_min"),
        sa.CheckConstraint("min_quantity >= 1", name="min_quantity_positive"),
        sa.CheckConstraint("unit_price_cents >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_groups.id", ondelete="CASCADE"), index=True)
    min_quantity: Mapped[int] = mapped_column()
    unit_price_cents: Mapped[int] = mapped_column()

    group: Mapped[PurchaseGroup] = relationship(back_populates="tiers")


class Commitment(db.Model):
    """How many units one organisation takes; the amounts are written once, at closing, and never edited."""

    __tablename__ = "purchase_commitments"
    __table_args__ = (
        sa.UniqueConstraint("group_id", "organization_id", name="uq_purchase_commitments_group_org"),
        sa.CheckConstraint("quantity >= 1", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_groups.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column()
    committed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    unit_price_cents: Mapped[int | None] = mapped_column()  # frozen at closing, with the two below
    goods_cents: Mapped[int | None] = mapped_column()
    fixed_share_cents: Mapped[int | None] = mapped_column()

    group: Mapped[PurchaseGroup] = relationship(back_populates="commitments")
    organization: Mapped[Organization] = relationship()
    committed_by: Mapped[User | None] = relationship()

    @property
    def final_cents(self) -> int | None:
        if self.goods_cents is None:
            return None
        return self.goods_cents + (self.fixed_share_cents or 0)


class Adjustment(db.Model):
    """A correction after closing (a damaged ream refunded): an extra line with who and why, never an edit."""

    __tablename__ = "purchase_adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_groups.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int] = mapped_column()  # negative: the member pays less
    reason: Mapped[str] = mapped_column(sa.Text)
    made_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship()
    made_by: Mapped[User | None] = relationship()


from market.purchasing.quotes import models as _quotes  # noqa: E402,F401  (purchases on quotation, same metadata)
