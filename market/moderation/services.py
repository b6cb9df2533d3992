"""Coordinators' decisions and members' reports. Each flushes (never commits), is audited and signalled."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from market.accounts.models import Organization, User
from market.extensions import db
from market.labels import LABELS
from market.listings import rules as listing_rules
from market.listings.models import Listing
from market.moderation import mailer, rules
from market.moderation.models import AuditEntry, Report
from market.signals import (listing_changed, listing_closed, listing_published, moderation_decided,
                            organization_changed)
from market.types import utcnow


class NotAllowed(PermissionError):
    """The actor may not take this decision (not a coordinator, not logged in, suspended)."""


class DecisionRefused(ValueError):
    """A decision that cannot apply to the target as it is now, with a message for the person."""


class AlreadyReported(DecisionRefused):
    """This person already has an open report on this target."""


def is_coordinator(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.is_coordinator and actor.is_active)


def _require_coordinator(actor) -> None:
    if not is_coordinator(actor):
        raise NotAllowed()


def _required(text, message) -> str:
    text = rules.clean_text(text)
    if not text:
        raise DecisionRefused(message)
    return text


def _target_type(target) -> str:
    return {Listing: "listing", Organization: "organization", User: "user"}[type(target)]


def _target_label(target) -> str:
    if isinstance(target, Listing):
        return f"{target.title} ({target.owner_name})"
    if isinstance(target, Organization):
        return target.name
    return f"{target.display_name} <{target.email}>"


def _decided(actor, target, action: str, reason: str = "") -> AuditEntry:
    """Write the audit entry of one decision, flush, and tell the other features."""
    entry = AuditEntry(actor=actor, action=action, target_type=_target_type(target), target_id=target.id,
                       target_label=rules.truncate_label(_target_label(target)), reason=reason or "",
                       created_at=utcnow())
    db.session.add(entry)
    db.session.flush()
    moderation_decided.send(target, action=action, actor=actor, reason=reason or "")
    return entry


def _move(listing: Listing, action: str) -> None:
    try:
        listing.status = listing_rules.next_status(listing.status, action)
    except listing_rules.TransitionRefused:
        raise DecisionRefused(_l("Cette décision n'est pas possible : l'annonce « %(title)s » est au statut « %(status)s ».",
                                 title=listing.title, status=LABELS["status"].get(listing.status, listing.status))) from None


# Listings in the queue ------------------------------------------------------------------------

def approve_listing(actor, listing: Listing) -> Listing:
    _require_coordinator(actor)
    _move(listing, "approve")
    now = utcnow()
    listing.published_at = now
    listing.moderation_note = ""
    if listing.expires_at <= now:  # waited so long in the queue that it would be born expired
        listing.expires_at = listing_rules.default_expiry(now, current_app.config["LISTING_DEFAULT_DAYS"])
    _decided(actor, listing, "listing_approved")
    listing_published.send(listing)
    return listing


def reject_listing(actor, listing: Listing, reason: str) -> Listing:
    _require_coordinator(actor)
    reason = _required(reason, _l("Indiquez la raison du refus : elle sera transmise à l'auteur de l'annonce."))
    _move(listing, "reject")
    listing.moderation_note = reason
    _decided(actor, listing, "listing_rejected", reason)
    mailer.listing_decided(listing, "listing_rejected", reason)
    return listing


def request_changes(actor, listing: Listing, note: str) -> Listing:
    _require_coordinator(actor)
    note = _required(note, _l("Indiquez les modifications attendues."))
    _move(listing, "request_changes")
    listing.moderation_note = note
    _decided(actor, listing, "listing_changes_requested", note)
    mailer.listing_decided(listing, "listing_changes_requested", note)
    return listing


# Organisations and accounts ---------------------------------------------------------------------

def verify_organization(actor, organization: Organization) -> Organization:
    _require_coordinator(actor)
    if organization.status != "pending":
        raise DecisionRefused(_l("Seule une structure à vérifier peut être vérifiée."))
    organization.status = "verified"
    _decided(actor, organization, "organization_verified")
    organization_changed.send(organization)
    mailer.organization_decided(organization, "organization_verified")
    return organization


def suspend_organization(actor, organization: Organization, reason: str) -> Organization:
    _require_coordinator(actor)
    reason = _required(reason, _l("Indiquez la raison de la suspension."))
    if organization.is_suspended:
        raise DecisionRefused(_l("Cette structure est déjà suspendue."))
    organization.status = "suspended"
    _decided(actor, organization, "organization_suspended", reason)
    organization_changed.send(organization)
    mailer.organization_decided(organization, "organization_suspended", reason)
    return organization


def reinstate_organization(actor, organization: Organization, reason: str = "") -> Organization:
    """A suspended organisation comes back as verified: its published listings are public again."""
    _require_coordinator(actor)
    if not organization.is_suspended:
        raise DecisionRefused(_l("Cette structure n'est pas suspendue."))
    organization.status = "verified"
    _decided(actor, organization, "organization_reinstated", rules.clean_text(reason))
    organization_changed.send(organization)
    mailer.organization_decided(organization, "organization_reinstated", rules.clean_text(reason))
    return organization


def suspend_user(actor, user: User, reason: str) -> User:
    _require_coordinator(actor)
    if user.id == actor.id:
        raise DecisionRefused(_l("Vous ne pouvez pas suspendre votre propre compte."))
    reason = _required(reason, _l("Indiquez la raison de la suspension."))
    if user.status == "suspended":
        raise DecisionRefused(_l("Ce compte est déjà suspendu."))
    user.status = "suspended"
    _decided(actor, user, "user_suspended", reason)
    return user


def reinstate_user(actor, user: User, reason: str = "") -> User:
    _require_coordinator(actor)
    if user.status != "suspended":
        raise DecisionRefused(_l("Ce compte n'est pas suspendu."))
    user.status = "active"
    _decided(actor, user, "user_reinstated", rules.clean_text(reason))
    return user


# Reports ---------------------------------------------------------------------------------------

def _report_filter(target):
    if isinstance(target, Listing):
        return Report.listing_id == target.id
    return Report.organization_id == target.id


def open_reports(target) -> list[Report]:
    return list(db.session.scalars(db.select(Report).where(_report_filter(target), Report.status == "open")
                                   .order_by(Report.created_at, Report.id)))


def open_reporters_count(target) -> int:
    return db.session.scalar(db.select(db.func.count(db.distinct(Report.reporter_id)))
                             .where(_report_filter(target), Report.status == "open")) or 0


def _file_report(actor, target, reason_code: str, text: str) -> Report:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotAllowed()
    if not rules.valid_reason(reason_code):
        raise DecisionRefused(_l("Choisissez le motif du signalement."))
    text = rules.clean_text(text)
    if rules.report_text_required(reason_code) and not text:
        raise DecisionRefused(_l("Expliquez en quelques mots ce qui ne va pas."))
    if db.session.scalar(db.select(Report.id).where(_report_filter(target), Report.status == "open",
                                                    Report.reporter_id == actor.id)):
        raise AlreadyReported(_l("Vous avez déjà signalé ce contenu : l'équipe de coordination va l'examiner. Merci."))
    report = Report(reporter=actor, reason=reason_code, text=text, status="open", created_at=utcnow(),
                    listing=target if isinstance(target, Listing) else None,
                    organization=target if isinstance(target, Organization) else None)
    db.session.add(report)
    db.session.flush()
    moderation_decided.send(target, action="report_filed", actor=actor, reason=reason_code)
    return report


def owns_listing(actor, listing: Listing) -> bool:
    """The author, or a member of the owning organisation (suspended or not)."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if listing.author_id == actor.id:
        return True
    return listing.organization is not None and actor.membership_in(listing.organization) is not None


def report_listing(actor, listing: Listing, reason_code: str, text: str = "") -> Report:
    """File a report; once enough different people have reported it, the listing is hidden."""
    if owns_listing(actor, listing):
        raise DecisionRefused(_l("Vous ne pouvez pas signaler votre propre annonce."))
    report = _file_report(actor, listing, reason_code, text)
    threshold = current_app.config["REPORTS_TO_HIDE"]
    if not listing.hidden and rules.should_hide(open_reporters_count(listing), threshold):
        listing.hidden = True
        _decided(None, listing, "listing_hidden")
        listing_changed.send(listing)
    return report


def report_organization(actor, organization: Organization, reason_code: str, text: str = "") -> Report:
    if getattr(actor, "is_authenticated", False) and actor.membership_in(organization) is not None:
        raise DecisionRefused(_l("Vous ne pouvez pas signaler votre propre structure."))
    return _file_report(actor, organization, reason_code, text)


def decide_reports(actor, target, uphold: bool, note: str = ""):
    """Close every open report on a listing or an organisation.

    Uphold on a listing withdraws it (closed as 'withdrawn' when published; `hidden` unchanged);
    dismiss un-hides it. On an organisation, suspending stays a separate decision.
    """
    _require_coordinator(actor)
    reports = open_reports(target)
    if not reports:
        raise DecisionRefused(_l("Il n'y a plus de signalement ouvert sur ce contenu."))
    note = rules.clean_text(note)
    if uphold and not note:
        raise DecisionRefused(_l("Expliquez la décision : le message sera transmis au propriétaire du contenu."))
    now = utcnow()
    for report in reports:
        report.status = "upheld" if uphold else "dismissed"
        report.resolved_at, report.resolved_by = now, actor
    if isinstance(target, Listing):
        _decide_listing(target, uphold, note)
    _decided(actor, target, "reports_upheld" if uphold else "reports_dismissed", note)
    return target


def _decide_listing(listing: Listing, uphold: bool, note: str) -> None:
    if not uphold:
        listing.hidden = False
        db.session.flush()
        listing_changed.send(listing)
        return
    listing.moderation_note = note  # `hidden` stays as it is
    closing = listing.status == "published"
    if closing:
        listing.status = listing_rules.next_status(listing.status, "close")
        listing.close_reason = "withdrawn"
    db.session.flush()
    (listing_closed if closing else listing_changed).send(listing)
    mailer.listing_decided(listing, "listing_rejected", note, withdrawn=True)
