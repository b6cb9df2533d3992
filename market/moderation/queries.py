"""Reads for coordinators: the queue, organisations and accounts to check, open reports, the audit log."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from market.accounts.models import ORG_STATUSES, USER_STATUSES, Membership, Organization, User
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import contains
from market.moderation.models import AuditEntry, Report

PARIS = ZoneInfo("Europe/Paris")


def pending_listings() -> sa.Select:
    """Listings waiting for a coordinator, oldest first (first come, first served)."""
    return (sa.select(Listing).where(Listing.status == "pending")
            .options(selectinload(Listing.organization), selectinload(Listing.author))
            .order_by(Listing.updated_at, Listing.id))


def _words(text: str, limit: int = 6) -> list[str]:
    return (text or "").split()[:limit]


def organizations(filters: dict) -> sa.Select:
    """Organisations to look after; with no status filter, those awaiting verification come first."""
    stmt = sa.select(Organization)
    if filters.get("status") in ORG_STATUSES:
        stmt = stmt.where(Organization.status == filters["status"])
    for word in _words(filters.get("q", "")):
        stmt = stmt.where(sa.or_(contains(Organization.name, word), contains(Organization.email, word),
                                 contains(Organization.siret, word), contains(Organization.rna, word)))
    first = sa.case((Organization.status == "pending", 0), else_=1)
    return stmt.order_by(first, Organization.name, Organization.id)


def users(filters: dict) -> sa.Select:
    stmt = sa.select(User).options(selectinload(User.memberships).selectinload(Membership.organization))
    if filters.get("status") in USER_STATUSES:
        stmt = stmt.where(User.status == filters["status"])
    for word in _words(filters.get("q", "")):
        stmt = stmt.where(sa.or_(contains(User.display_name, word), contains(User.email, word)))
    return stmt.order_by(User.display_name, User.id)


@dataclass
class ReportGroup:
    """The open reports on one listing or one organisation."""

    target: object
    target_type: str
    reports: list = field(default_factory=list)

    @property
    def reporters(self) -> int:
        return len({r.reporter_id for r in self.reports})

    @property
    def key(self) -> str:
        return f"{self.target_type}-{self.target.id}"


def report_groups() -> list[ReportGroup]:
    """Open reports grouped by target; the most reported first, then the oldest."""
    reports = db.session.scalars(
        sa.select(Report).where(Report.status == "open")
        .options(selectinload(Report.reporter), selectinload(Report.listing), selectinload(Report.organization))
        .order_by(Report.created_at, Report.id)).all()
    groups: dict[tuple, ReportGroup] = {}
    for report in reports:
        kind = "listing" if report.listing_id else "organization"
        key = (kind, report.listing_id or report.organization_id)
        groups.setdefault(key, ReportGroup(report.target, kind)).reports.append(report)
    return sorted(groups.values(), key=lambda g: (-g.reporters, g.reports[0].created_at))


def counts() -> dict:
    """Numbers shown in the moderation menu."""
    open_targets = db.session.scalar(sa.select(sa.func.count()).select_from(
        sa.select(Report.listing_id, Report.organization_id).where(Report.status == "open")
        .group_by(Report.listing_id, Report.organization_id).subquery()))
    return {
        "listings": db.session.scalar(sa.select(sa.func.count(Listing.id)).where(Listing.status == "pending")),
        "organizations": db.session.scalar(sa.select(sa.func.count(Organization.id))
                                           .where(Organization.status == "pending")),
        "reports": open_targets or 0,
    }


def paris_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=PARIS)


def audit_entries(filters: dict) -> sa.Select:
    """Decisions, newest first. Filters: action, actor (a user id or 'system'), target_type, start, end (dates)."""
    stmt = sa.select(AuditEntry).options(selectinload(AuditEntry.actor))
    if filters.get("action"):
        stmt = stmt.where(AuditEntry.action == filters["action"])
    if filters.get("actor") == "system":
        stmt = stmt.where(AuditEntry.actor_id.is_(None))
    elif filters.get("actor"):
        stmt = stmt.where(AuditEntry.actor_id == int(filters["actor"]))
    if filters.get("target_type"):
        stmt = stmt.where(AuditEntry.target_type == filters["target_type"])
    if filters.get("start"):
        stmt = stmt.where(AuditEntry.created_at >= paris_day_start(filters["start"]))
    if filters.get("end"):
        stmt = stmt.where(AuditEntry.created_at < paris_day_start(filters["end"] + timedelta(days=1)))
    return stmt.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def audit_actors() -> list[User]:
    """Coordinators, and anyone who has ever taken a decision (a former coordinator stays in the log)."""
    deciders = sa.select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None))
    return list(db.session.scalars(sa.select(User).where(sa.or_(User.is_coordinator.is_(True), User.id.in_(deciders)))
                                   .order_by(User.display_name, User.id)))


def history(target_type: str, target_id: int, limit: int = 20) -> list[AuditEntry]:
    return list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.target_type == target_type, AuditEntry.target_id == target_id)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)))
