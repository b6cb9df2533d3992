"""Reads of the membership: a year's schedule, what a structure paid, its standing, the year's roster, payments."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from market.accounts.models import Organization
from market.extensions import db
from market.ledger.models import LedgerAccount, LedgerEntry, LedgerLine
from market.membership import rules
from market.membership.models import Adhesion, FeeRate, Payment, Requirement
from market.types import utcnow


def today() -> date:
    """Today in Paris: membership years are the network's calendar years."""
    return utcnow().astimezone(rules.PARIS).date()


def rates(year: int) -> dict[tuple[str, str], int]:
    """The year's fee schedule: {(type of structure, size): cents}."""
    rows = db.session.execute(sa.select(FeeRate.structure_type, FeeRate.size, FeeRate.amount_cents)
                              .where(FeeRate.year == year)).all()
    return {(t, s): cents for t, s, cents in rows}


def schedule_years() -> list[int]:
    return list(db.session.scalars(sa.select(FeeRate.year).distinct().order_by(FeeRate.year)))


def adhesions(organization_id: int, years) -> dict[int, Adhesion]:
    found = db.session.scalars(sa.select(Adhesion).where(Adhesion.organization_id == organization_id,
                                                         Adhesion.year.in_(list(years))))
    return {a.year: a for a in found}


def adhesion(organization_id: int, year: int) -> Adhesion | None:
    return adhesions(organization_id, [year]).get(year)


def _paid(where) -> sa.Select:
    """Sum of the lines on structures' accounts of the book, grouped by their entry's source."""
    return (sa.select(LedgerEntry.source, sa.func.coalesce(sa.func.sum(LedgerLine.amount), 0))
            .join(LedgerLine, LedgerLine.entry_id == LedgerEntry.id)
            .join(LedgerAccount, LedgerAccount.id == LedgerLine.account_id)
            .where(LedgerEntry.book == rules.BOOK, LedgerAccount.holder != rules.NETWORK, where)
            .group_by(LedgerEntry.source))


def paid_cents(organization_id: int, year: int) -> int:
    """What the structure paid for the year: its payments, less those reversed."""
    row = db.session.execute(_paid(LedgerEntry.source == rules.ledger_source(organization_id, year))).first()
    return row[1] if row else 0


def paid_in(year: int) -> dict[int, int]:
    """{organisation id: cents paid for the year}."""
    rows = db.session.execute(_paid(LedgerEntry.source.like(f"membership:%:{year}"))).all()
    return {int(source.split(":")[1]): total for source, total in rows}


@dataclass
class YearView:
    """One structure's membership for one year, as its pages and the coordinators see it."""
    organization: Organization
    year: int
    adhesion: Adhesion | None
    size: str | None
    due: int | None
    paid: int
    status: str

    @property
    def owed(self) -> int | None:
        return rules.owed(self.due, self.paid)

    @property
    def paid_up(self) -> bool:
        return self.status == rules.PAID_UP

    @property
    def reminded_at(self):
        return self.adhesion.reminder_sent_at if self.adhesion else None


def _view(organization, year, today, by_year: dict, schedule: dict, paid: int) -> YearView:
    this, last = by_year.get(year), by_year.get(year - 1)
    size = (this.size if this and this.size else None) or (last.size if last else None)
    status = rules.status(year, today, paid_up=bool(this and this.paid_up_at), renewing=bool(last and last.paid_up_at),
                          opened=this is not None)
    return YearView(organization, year, this, size, rules.fee(schedule, organization.legal_form, size), paid, status)


def year_view(organization, year: int, today: date) -> YearView:
    by_year = adhesions(organization.id, [year - 1, year])
    return _view(organization, year, today, by_year, rates(year), paid_cents(organization.id, year))


@dataclass
class Standing:
    """Where a structure stands today: this year, the year to renew (when it is another), its rights."""
    current: YearView
    renewal: YearView | None
    has_rights: bool


def standing(organization, today: date) -> Standing:
    by_year = adhesions(organization.id, [today.year - 1, today.year, today.year + 1])
    current = _view(organization, today.year, today, by_year, rates(today.year),
                    paid_cents(organization.id, today.year))
    next_year = rules.renewal_year(today)
    renewal = None if next_year == today.year else _view(organization, next_year, today, by_year, rates(next_year),
                                                           paid_cents(organization.id, next_year))
    last = by_year.get(today.year - 1)
    rights = rules.has_rights(today, current.paid_up, bool(last and last.paid_up_at), bool(renewal and renewal.paid_up))
    return Standing(current, renewal, rights)


def roster(year: int, today: date) -> list[YearView]:
    """Every structure that is not suspended, with its membership for the year, by name."""
    organizations = db.session.scalars(sa.select(Organization).where(Organization.status != "suspended")
                                       .order_by(Organization.name)).all()
    found = db.session.scalars(sa.select(Adhesion).where(Adhesion.year.in_((year - 1, year)))).all()
    by_org: dict[int, dict] = {}
    for item in found:
        by_org.setdefault(item.organization_id, {})[item.year] = item
    schedule, paid = rates(year), paid_in(year)
    return [_view(o, year, today, by_org.get(o.id, {}), schedule, paid.get(o.id, 0)) for o in organizations]


@dataclass
class PaymentLine:
    payment: Payment
    amount: int
    cancelled_reason: str | None  # None: still counted

    @property
    def cancelled(self) -> bool:
        return self.cancelled_reason is not None


def payment_lines(*where) -> list[PaymentLine]:
    """Payments (newest first) with their amount and, when reversed, the reason of the correction."""
    reversal = sa.orm.aliased(LedgerEntry)
    rows = db.session.execute(
        sa.select(Payment, LedgerLine.amount, reversal.reason)
        .join(LedgerLine, LedgerLine.entry_id == Payment.entry_id)
        .join(LedgerAccount, sa.and_(LedgerAccount.id == LedgerLine.account_id, LedgerAccount.holder != rules.NETWORK))
        .outerjoin(reversal, reversal.reverses_id == Payment.entry_id)
        .where(*where).order_by(Payment.paid_on.desc(), Payment.id.desc())).all()
    return [PaymentLine(payment, amount, reason) for payment, amount, reason in rows]


def required_actions() -> set[str]:
    return set(db.session.scalars(sa.select(Requirement.action).where(Requirement.required.is_(True))))


def due_for_reminder(year: int) -> list[int]:
    """Structures paid up the year before, not paid up for `year`, not yet reminded: their ids."""
    last = sa.orm.aliased(Adhesion)
    this = sa.orm.aliased(Adhesion)
    stmt = (sa.select(last.organization_id)
            .join(Organization, Organization.id == last.organization_id)
            .outerjoin(this, sa.and_(this.organization_id == last.organization_id, this.year == year))
            .where(last.year == year - 1, last.paid_up_at.is_not(None), Organization.status != "suspended",
                   this.paid_up_at.is_(None), this.reminder_sent_at.is_(None))
            .order_by(last.organization_id))
    return list(db.session.scalars(stmt))
