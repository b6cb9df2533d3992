"""The decision services: audited, signalled, flushed but never committed; e-mails leave only on commit."""
import pytest
import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.moderation import services
from market.moderation.models import AuditEntry
from market.signals import moderation_decided, organization_changed


def test_a_decision_writes_one_audit_entry_and_signals_it(coordinator, pending_listing):
    received = []
    with moderation_decided.connected_to(lambda sender, **kw: received.append((sender, kw))):
        services.reject_listing(coordinator, pending_listing, "  Hors charte.  ")
    entry = db.session.scalar(sa.select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id) == \
        (coordinator.id, "listing_rejected", "listing", pending_listing.id)
    assert entry.target_label == "Broyeur de végétaux à prêter (Jardin de Cocagne de Cusset)"
    assert entry.reason == "Hors charte."
    assert received == [(pending_listing, {"action": "listing_rejected", "actor": coordinator, "reason": "Hors charte."})]


def test_services_flush_but_never_commit_and_mail_waits_for_the_commit(coordinator, pending_listing, outbox):
    listing_id = pending_listing.id
    services.reject_listing(coordinator, pending_listing, "Hors charte.")
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 1  # flushed: visible in this transaction
    assert outbox() == []  # nothing sent before the decision is committed
    db.session.rollback()
    assert db.session.get(Listing, listing_id).status == "pending"
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0
    db.session.commit()
    assert outbox() == []  # the rolled-back decision never sends its e-mails

    services.reject_listing(coordinator, db.session.get(Listing, listing_id), "Hors charte.")
    db.session.commit()
    assert len(outbox()) == 2


def test_organisation_decisions_tell_the_directory(coordinator, pending_org):
    changed = []
    with organization_changed.connected_to(lambda sender, **kw: changed.append(sender)):
        services.verify_organization(coordinator, pending_org)
        services.suspend_organization(coordinator, pending_org, "Plus d'activité ESS.")
        services.reinstate_organization(coordinator, pending_org, "")
    assert changed == [pending_org] * 3
    assert pending_org.status == "verified"


def test_approving_a_long_waiting_listing_gives_it_a_future_expiry(coordinator, pending_listing):
    from datetime import timedelta

    from market.types import utcnow
    pending_listing.expires_at = utcnow() - timedelta(days=1)
    services.approve_listing(coordinator, pending_listing)
    assert pending_listing.expires_at > utcnow()
    assert pending_listing.is_public()


def test_report_checks(coordinator, member, readers, published_listing, verified_org):
    with pytest.raises(services.DecisionRefused):
        services.report_listing(member, published_listing, "offensive", "")  # one's own listing
    with pytest.raises(services.DecisionRefused):
        services.report_listing(readers[0], published_listing, "unknown", "")
    with pytest.raises(services.DecisionRefused):
        services.report_listing(readers[0], published_listing, "other", "   ")
    with pytest.raises(services.DecisionRefused):
        services.report_organization(member, verified_org, "not_ess", "")
    services.report_listing(readers[0], published_listing, "duplicate", "")
    with pytest.raises(services.AlreadyReported):
        services.report_listing(readers[0], published_listing, "offensive", "")
    with pytest.raises(services.DecisionRefused):
        services.decide_reports(coordinator, verified_org, uphold=False)  # nothing open on it
