"""Saved searches and dismissed suggestions through the API, with matching's own services."""
import sqlalchemy as sa
from flask import jsonify, url_for
from flask_babel import gettext as _

from market.api import bodies, schemas
from market.api.auth import api_user, require_user
from market.api.blueprint import bp
from market.api.serializers import iso_datetime
from market.api.writing import created, write
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_manage, can_view
from market.matching import services
from market.matching.forms import SaveSearchForm
from market.matching.models import SavedSearch

FILTERS = ("q", "kind", "category", "terms", "commune", "radius_km", "organization", "urgent")


def _search(item) -> dict:
    return {"id": item.id, "name": item.name, "frequency": item.frequency, "filters": dict(item.filters),
            "created_at": iso_datetime(item.created_at),
            "url": url_for("listings.browse", _external=True, **item.filters)}


@bp.get("/saved-searches")
def saved_searches():
    user = require_user()
    items = db.session.scalars(sa.select(SavedSearch).where(SavedSearch.user_id == user.id)
                               .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc()))
    return jsonify({"items": [_search(item) for item in items]})


@bp.post("/saved-searches")
@write(idempotent=True)
def save_search():
    data = bodies.json_body(schemas.SAVED_SEARCH)
    form = bodies.form_from(SaveSearchForm, {k: data[k] for k in ("name", "frequency") if k in data})
    if "frequency" not in data:
        form.frequency.data = "daily"
    if not form.validate():
        raise bodies.refuse_form(form)
    args = {k: ("1" if v is True else str(v)) for k, v in data.items() if k in FILTERS and v is not False}
    item = services.save_search(api_user(), form.name.data, args, form.frequency.data)
    return created(_search(item), url_for("api.saved_searches", _external=True))


@bp.delete("/saved-searches/<int:search_id>")
@write
def delete_search(search_id):
    item = db.session.get(SavedSearch, search_id)
    if item is None or item.user_id != api_user().id:
        raise bodies.BodyRefused(404, "not_found", _("Recherche introuvable."))
    services.delete_search(api_user(), item)
    return "", 204


@bp.post("/listings/<int:listing_id>/dismissals")
@write
def dismiss(listing_id):
    user = api_user()
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(user, listing):
        raise bodies.BodyRefused(404, "not_found", _("Annonce introuvable."))
    data = bodies.json_body(schemas.DISMISSAL)
    other = db.session.get(Listing, data["other_id"])
    if other is None or not can_view(user, other):
        raise bodies.BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."),
                                 {"other_id": _("Annonce introuvable.")})
    if not can_manage(user, listing):
        raise PermissionError()
    services.dismiss(user, listing, other)
    return jsonify({"listing_id": listing.id, "other_id": other.id})
