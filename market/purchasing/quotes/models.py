"""An interest list (a purchase with no unit price) and each organisation's interest, details and answer."""
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.accounts.models import Organization, User
from market.extensions import db
from market.purchasing.models import PARIS
from market.types import UTCDateTime, utcnow

STATUSES = ("collecting", "offered", "cancelled")  # collecting interests, offer published, cancelled
DETAILS = ("employees", "vehicles", "premises_m2")  # what an insurer asks to quote
ANSWERS = ("accepted", "declined")


def _last_day(moment: datetime | None) -> date | None:
    """The last day (Paris time) of a period that ends at the midnight closing it."""
    return (moment.astimezone(PARIS) - timedelta(microseconds=1)).date() if moment else None


class InterestList(db.Model):
    """"Assurance des locaux": who is interested, with which details; then the negotiated offer."""

    __tablename__ = "purchase_interest_lists"
    __table_args__ = (
        sa.CheckConstraint("status IN ('collecting', 'offered', 'cancelled')", name="status_known"),
        sa.CheckConstraint("status <> 'offered' OR offer_valid_until IS NOT NULL", name="offer_has_validity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(140))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    organizer_org_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    asks_employees: Mapped[bool] = mapped_column(default=False)
    asks_vehicles: Mapped[bool] = mapped_column(default=False)
    asks_premises_m2: Mapped[bool] = mapped_column(default=False)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # interests registered until then
    status: Mapped[str] = mapped_column(sa.String(20), default="collecting", index=True)
    offer_supplier: Mapped[str] = mapped_column(sa.String(140), default="")
    offer_text: Mapped[str] = mapped_column(sa.Text, default="")
    offer_terms: Mapped[str] = mapped_column(sa.Text, default="")  # price and conditions, in words
    offer_valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)  # answers taken until then
    offer_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organizer_org: Mapped[Organization | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    interests: Mapped[list["Interest"]] = relationship(back_populates="interest_list", cascade="all, delete-orphan",
                                                       order_by="Interest.id")

    @property
    def organizer_name(self) -> str:
        if self.organizer_org is not None:
            return self.organizer_org.name
        return self.created_by.display_name if self.created_by else ""

    @property
    def asked(self) -> list[str]:
        """The details this list asks for, among DETAILS."""
        return [name for name in DETAILS if getattr(self, f"asks_{name}")]

    @property
    def last_day(self) -> date:
        return _last_day(self.closes_at)

    @property
    def offer_last_day(self) -> date | None:
        return _last_day(self.offer_valid_until)

    @property
    def notice_key(self) -> str:
        return f"quote:{self.id}"

    @property
    def url(self) -> str:
        return url_for("purchasing.quote", list_id=self.id)


class Interest(db.Model):
    """One organisation on an interest list: its details, then its answer to the offer (accepted or declined)."""

    __tablename__ = "purchase_interests"
    __table_args__ = (
        sa.UniqueConstraint("list_id", "organization_id", name="uq_purchase_interests_list_org"),
        sa.CheckConstraint("employees IS NULL OR employees >= 0", name="employees_not_negative"),
        sa.CheckConstraint("vehicles IS NULL OR vehicles >= 0", name="vehicles_not_negative"),
        sa.CheckConstraint("premises_m2 IS NULL OR premises_m2 >= 0", name="premises_not_negative"),
        sa.CheckConstraint("answer IS NULL OR answer IN ('accepted', 'declined')", name="answer_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_interest_lists.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    employees: Mapped[int | None] = mapped_column()
    vehicles: Mapped[int | None] = mapped_column()
    premises_m2: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(sa.Text, default="")
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answer: Mapped[str | None] = mapped_column(sa.String(20))
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    interest_list: Mapped[InterestList] = relationship(back_populates="interests")
    organization: Mapped[Organization] = relationship()
    registered_by: Mapped[User | None] = relationship(foreign_keys=[registered_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
