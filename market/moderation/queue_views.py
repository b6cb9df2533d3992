"""The queue of listings waiting for a coordinator, and the three decisions on each."""
from flask import abort, render_template
from flask_babel import gettext as _
from flask_login import current_user

from market.extensions import db
from market.listings.models import Listing
from market.listings.rules import can as transition_allowed
from market.moderation import queries, services
from market.moderation.blueprint import back_to, bp, coordinator_required, decide
from market.moderation.forms import ChangesForm, ConfirmForm, RejectForm


def listing_forms(listing, **given) -> dict:
    """The decision forms of one listing, with ids unique on a page that shows several listings."""
    return {
        "approve_form": given.get("approve_form") or ConfirmForm(prefix=f"approve-{listing.id}"),
        "reject_form": given.get("reject_form") or RejectForm(prefix=f"reject-{listing.id}"),
        "changes_form": given.get("changes_form") or ChangesForm(prefix=f"changes-{listing.id}"),
    }


def _listing_or_404(listing_id) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        abort(404)
    return listing


@bp.get("/")
@coordinator_required
def queue():
    listings = db.session.scalars(queries.pending_listings()).all()
    return render_template("moderation/queue.html", listings=listings, transition_allowed=transition_allowed,
                           decision_forms={item.id: listing_forms(item) for item in listings},
                           open_reports={item.id: services.open_reporters_count(item) for item in listings})


def _listing_page(listing, **forms):
    return render_template("moderation/listing.html", listing=listing, transition_allowed=transition_allowed,
                           reports=services.open_reports(listing), history=queries.history("listing", listing.id),
                           **listing_forms(listing, **forms))


@bp.get("/annonces/<int:listing_id>")
@coordinator_required
def listing(listing_id):
    return _listing_page(_listing_or_404(listing_id))


@bp.post("/annonces/<int:listing_id>/approuver")
@coordinator_required
def approve_listing(listing_id):
    listing = _listing_or_404(listing_id)
    form = ConfirmForm(prefix=f"approve-{listing.id}")
    if not form.validate_on_submit():
        return _listing_page(listing, approve_form=form), 400
    return decide(lambda: services.approve_listing(current_user, listing),
                  _("Annonce « %(title)s » approuvée : elle est publiée.", title=listing.title),
                  back_to("moderation.queue"))


@bp.post("/annonces/<int:listing_id>/refuser")
@coordinator_required
def reject_listing(listing_id):
    listing = _listing_or_404(listing_id)
    form = RejectForm(prefix=f"reject-{listing.id}")
    if not form.validate_on_submit():
        return _listing_page(listing, reject_form=form)
    return decide(lambda: services.reject_listing(current_user, listing, form.reason.data),
                  _("Annonce « %(title)s » refusée : ses auteurs sont prévenus par e-mail.", title=listing.title),
                  back_to("moderation.queue"))


@bp.post("/annonces/<int:listing_id>/demander-modifications")
@coordinator_required
def request_changes(listing_id):
    listing = _listing_or_404(listing_id)
    form = ChangesForm(prefix=f"changes-{listing.id}")
    if not form.validate_on_submit():
        return _listing_page(listing, changes_form=form)
    return decide(lambda: services.request_changes(current_user, listing, form.note.data),
                  _("Modifications demandées pour « %(title)s » : ses auteurs sont prévenus par e-mail.", title=listing.title),
                  back_to("moderation.queue"))
