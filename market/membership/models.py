"""A structure's membership of the network, year by year: the fee schedule, each year's record, payments
received (their amounts are ledger lines) and which actions the coordination reserves to members."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.extensions import db
from market.types import UTCDateTime, utcnow


class FeeRate(db.Model):
    """One amount of a year's fee schedule: a type of structure (its legal form) and a size."""
    __tablename__ = "membership_fee_rates"
    __table_args__ = (sa.UniqueConstraint("year", "structure_type", "size", name="uq_membership_fee_rates_cell"),
                      sa.CheckConstraint("amount_cents >= 0", name="amount_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    structure_type: Mapped[str] = mapped_column(sa.String(30))  # accounts.models.LEGAL_FORMS
    size: Mapped[str] = mapped_column(sa.String(10))            # rules.SIZES
    amount_cents: Mapped[int] = mapped_column()
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Adhesion(db.Model):
    """A structure's membership for one calendar year: its size that year, the charter it had signed, when its
    fee was paid in full (None: not, or not any more) and when it was reminded to renew."""
    __tablename__ = "membership_years"
    __table_args__ = (sa.UniqueConstraint("organization_id", "year", name="uq_membership_years_org_year"),
                      sa.CheckConstraint("year >= 2000 AND year <= 2200", name="year_in_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    size: Mapped[str | None] = mapped_column(sa.String(10))
    charter_version: Mapped[str | None] = mapped_column(sa.String(20))
    charter_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization = relationship("Organization")


class Payment(db.Model):
    """A fee handed over (cash, cheque, transfer) and recorded by a coordinator. Its amount is the ledger entry's
    (book "membership"); a mistake is corrected by reversing that entry, with who and why."""
    __tablename__ = "membership_payments"
    __table_args__ = (sa.CheckConstraint("method IN ('cash', 'cheque', 'transfer')", name="method_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(sa.String(10))  # rules.METHODS
    paid_on: Mapped[date] = mapped_column(sa.Date)
    reference: Mapped[str] = mapped_column(sa.String(80), default="")  # cheque number, transfer label
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_entries.id"), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization = relationship("Organization")
    entry = relationship("LedgerEntry")
    recorded_by = relationship("User")


class Requirement(db.Model):
    """One action of market/gates.py, and whether the coordination reserves it to members whose fee is paid."""
    __tablename__ = "membership_requirements"

    action: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    required: Mapped[bool] = mapped_column(default=False)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
