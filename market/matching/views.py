"""Pages of matching: "Mes correspondances", dismissing a suggestion, saved searches, the JSON matches."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.redirects import safe_next
from market.errors import json_error
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_manage
from market.listings.queries import individual_listings, organization_listings
from market.matching import fallback, services
from market.matching.elsewhere import answers_for
from market.matching.forms import FREQUENCY_CHOICES, FrequencyForm, SaveSearchForm
from market.matching.models import SavedSearch
from market.matching.cache import cached_suggestions
from market.notifications.forms import ConfirmForm

bp = Blueprint("matching", __name__)
PER_LISTING = 5
LISTINGS_PER_BOARD = 20


def listing_suggestions(listing, limit: int = PER_LISTING):
    """For templates (the listing page): suggestions of a public listing, [] otherwise (cached)."""
    if listing is None or not listing.is_public():
        return []
    return cached_suggestions(listing, limit)


@bp.get("/annonces/<int:listing_id>/correspondances")
def listing_matches(listing_id):
    """A public listing's suggestions: a page of their own, or with ?partiel=1 the part its page loads.

    The listing page shows the listing at once and fetches this part afterwards (static/js/fragments.js):
    scoring candidates costs several times the rest of the page (bench/load.py, README)."""
    listing = db.session.get(Listing, listing_id)
    if listing is None or not listing.is_public():
        abort(404)
    manage = current_user.is_authenticated and can_manage(current_user, listing)
    found = listing_suggestions(listing)
    context = {"listing": listing, "found": found, "can_manage": manage, "elsewhere": answers_for(listing),
               **_fallback(listing, found)}
    if request.args.get("partiel") == "1":
        return render_template("matching/_listing_matches_list.html", **context)
    return render_template("matching/listing_matches.html", **context)


def _fallback(listing, found) -> dict:
    """Never an empty block: without a match, the same category nearby and (for members) who coordinates."""
    if found:
        return {"nearby": [], "coordinators": []}
    return {"nearby": fallback.nearby(listing),
            "coordinators": fallback.coordinators() if current_user.is_authenticated else []}


def _boards(user):
    boards = [(org.name, org, organization_listings(org, ["published"]))
              for org in user.organizations if not org.is_suspended]
    if user.is_volunteer:
        boards.append((_("À titre individuel (bénévole)"), None,
                       individual_listings(user).where(Listing.status == "published")))
    for title, org, stmt in boards:
        listings = [item for item in db.session.scalars(stmt.limit(LISTINGS_PER_BOARD)) if item.is_public()]
        entries = [(item, cached_suggestions(item, PER_LISTING)) for item in listings]
        yield {"title": title, "organization": org,
               "entries": [(item, found, [] if found else fallback.nearby(item), answers_for(item))
                           for item, found in entries]}


@bp.get("/correspondances")
@login_required
def mine():
    slug = request.args.get("structure")
    boards = [b for b in _boards(current_user)
              if not slug or (b["organization"] is not None and b["organization"].slug == slug)]
    return render_template("matching/mine.html", boards=boards, form=ConfirmForm(),
                           coordinators=fallback.coordinators())


@bp.post("/correspondances/<int:listing_id>/ecarter/<int:other_id>")
@login_required
def dismiss(listing_id, other_id):
    listing, other = db.session.get(Listing, listing_id), db.session.get(Listing, other_id)
    if listing is None or other is None or not can_manage(current_user, listing):
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.dismiss(current_user, listing, other)
    db.session.commit()
    flash(_("« %(title)s » ne vous sera plus proposée pour cette annonce.", title=other.title), "success")
    return redirect(safe_next(request.form.get("next"), url_for("matching.mine")))


@bp.get("/api/v1/listings/<int:listing_id>/matches")
def api_matches(listing_id):
    """Like the rest of the API, the same answer for everyone: a session cookie opens no draft's matches."""
    from market.api import serializers
    listing = db.session.get(Listing, listing_id)
    if listing is None or not listing.is_public():
        return json_error(404, _("Annonce introuvable."))
    limit = min(max(request.args.get("limit", 10, type=int) or 10, 1), 50)
    items = [{"listing": serializers.listing(s.listing), "score": s.score, "reasons": [str(r) for r in s.reasons]}
             for s in cached_suggestions(listing, limit)]
    response = jsonify({"items": items})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/recherches")
@login_required
def saved_searches():
    searches = db.session.scalars(sa.select(SavedSearch).where(SavedSearch.user_id == current_user.id)
                                  .order_by(SavedSearch.created_at.desc()))
    return render_template("matching/saved_searches.html", searches=list(searches), form=ConfirmForm(),
                           frequency_choices=FREQUENCY_CHOICES)


@bp.post("/recherches")
@login_required
def save_search():
    form = SaveSearchForm()
    if not form.validate_on_submit():
        flash(_("La recherche n'a pas pu être enregistrée."), "error")
        return redirect(url_for("listings.browse", **{k: v for k, v in request.form.items() if k in FILTERS}))
    search = services.save_search(current_user, form.name.data, request.form, form.frequency.data)
    db.session.commit()
    flash(_("Recherche « %(name)s » enregistrée.", name=search.name), "success")
    return redirect(url_for("matching.saved_searches"))


FILTERS = ("q", "kind", "category", "terms", "commune", "radius_km", "organization", "urgent")


def _own_search(search_id) -> SavedSearch:
    search = db.session.get(SavedSearch, search_id)
    if search is None or search.user_id != current_user.id:
        abort(404)
    return search


@bp.post("/recherches/<int:search_id>")
@login_required
def update_search(search_id):
    search, form = _own_search(search_id), FrequencyForm()
    if form.validate_on_submit():
        services.set_frequency(current_user, search, form.frequency.data)
        db.session.commit()
        flash(_("Fréquence enregistrée pour « %(name)s ».", name=search.name), "success")
    return redirect(url_for("matching.saved_searches"))


@bp.post("/recherches/<int:search_id>/supprimer")
@login_required
def delete_search(search_id):
    search = _own_search(search_id)
    if ConfirmForm().validate_on_submit():
        services.delete_search(current_user, search)
        db.session.commit()
        flash(_("Recherche supprimée."), "success")
    return redirect(url_for("matching.saved_searches"))
