"""Writes on listings: create, edit, submit, close, repost, expire. They flush, never commit."""
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from market import gates
from market.extensions import db
from market.listings import rules
from market.listings.models import Listing
from market.listings.permissions import can_manage, publisher_trusted
from market.signals import listing_changed, listing_closed, listing_published
from market.types import utcnow


class NotAllowed(PermissionError):
    pass


PUBLISH = gates.register_action("listings.publish", _l("Publier une offre ou un besoin"), order=10).key


def _apply_status(listing: Listing, action: str) -> None:
    listing.status = rules.next_status(listing.status, action)
    if listing.status == "published":
        listing.published_at = utcnow()
        listing.moderation_note = ""


def create_listing(actor, organization, values: dict, expires_on=None, submit=True) -> Listing:
    """A new listing on behalf of `organization` (None: the actor as an individual volunteer)."""
    now = utcnow()
    listing = Listing(author=actor, organization=organization, status="draft",
                      expires_at=rules.expiry_for(now, expires_on, current_app.config["LISTING_DEFAULT_DAYS"]),
                      **values)
    if not can_manage(actor, listing):
        raise NotAllowed()
    db.session.add(listing)
    if submit:
        submit_listing(actor, listing)
    db.session.flush()
    return listing


def submit_listing(actor, listing: Listing) -> Listing:
    if not can_manage(actor, listing):
        raise NotAllowed()
    gates.check(PUBLISH, actor, listing.organization)  # gates.Reserved when the coordination reserves it to members
    _apply_status(listing, rules.submit_action(publisher_trusted(actor, listing)))
    db.session.flush()
    if listing.status == "published":
        listing_published.send(listing)
    return listing


def update_listing(actor, listing: Listing, values: dict, expires_on=None) -> Listing:
    if not can_manage(actor, listing) or listing.status not in rules.EDITABLE:
        raise NotAllowed()
    for key, value in values.items():
        setattr(listing, key, value)
    if expires_on is not None:
        listing.expires_at = rules.expiry_for(utcnow(), expires_on)
    if listing.status == "changes_requested":
        gates.check(PUBLISH, actor, listing.organization)
        _apply_status(listing, rules.submit_action(publisher_trusted(actor, listing)))
    db.session.flush()
    listing_changed.send(listing)
    return listing


def close_listing(actor, listing: Listing, reason: str) -> Listing:
    if not can_manage(actor, listing):
        raise NotAllowed()
    _apply_status(listing, "close")
    listing.close_reason = reason
    db.session.flush()
    listing_closed.send(listing)
    return listing


def repost_listing(actor, listing: Listing) -> Listing:
    """Put a closed or expired listing back online for a new lifetime (not one withdrawn after reports)."""
    if not can_manage(actor, listing) or listing.hidden:
        raise NotAllowed()
    gates.check(PUBLISH, actor, listing.organization)
    _apply_status(listing, rules.repost_action(publisher_trusted(actor, listing)))
    listing.close_reason = None
    listing.reminder_sent_at = None
    listing.expires_at = rules.default_expiry(utcnow(), current_app.config["LISTING_DEFAULT_DAYS"])
    db.session.flush()
    if listing.status == "published":
        listing_published.send(listing)
    return listing


def expire_due_listings(now=None) -> list[Listing]:
    """Move published listings past their expiry date to 'expired' (run by the CLI)."""
    now = now or utcnow()
    due = db.session.scalars(db.select(Listing).where(Listing.status == "published",
                                                      Listing.expires_at <= now)).all()
    for listing in due:
        _apply_status(listing, "expire")
        listing_closed.send(listing)
    db.session.flush()
    return due


def listings_needing_reminder(now=None) -> list[Listing]:
    now = now or utcnow()
    days = current_app.config["LISTING_REMINDER_DAYS"]
    # the window is narrowed in SQL (a daily run must not load every published listing)
    candidates = db.session.scalars(db.select(Listing).where(
        Listing.status == "published", Listing.reminder_sent_at.is_(None),
        Listing.expires_at > now, Listing.expires_at <= now + timedelta(days=days))).all()
    return [l for l in candidates if rules.needs_reminder(l.expires_at, l.reminder_sent_at, now, days)]
