"""The `exchanges` blueprint and the small helpers its views share."""
from flask import Blueprint, abort
from flask_login import current_user

from market.accounts.models import Organization
from market.exchanges import permissions
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_view

bp = Blueprint("exchanges", __name__)


def visible_listing(listing_id) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(current_user, listing):
        abort(404)
    return listing


def exchange_or_404(model, exchange_id):
    """A booking, loan or agreement, only for the two sides of its conversation (404 for anyone else)."""
    exchange = db.session.get(model, exchange_id)
    if exchange is None or not permissions.can_see_exchange(current_user, exchange):
        abort(404)
    return exchange


def acting_organization(form, user):
    """The organisation chosen in "Au nom de" (None: as a person)."""
    slug = form.organization.data
    return next((o for o in user.organizations if o.slug == slug), None) if slug else None


def member_organization(slug) -> Organization:
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None or not permissions.can_see_history(current_user, organization):
        abort(404)
    return organization


