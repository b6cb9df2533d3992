"""Map pages: the actors as a list sorted by distance (the page), their markers (JSON), an organisation's point."""
from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market import geo
from market.accounts.models import LEGAL_FORMS, Organization
from market.extensions import db
from market.labels import label
from market.listings.models import CATEGORIES
from market.network import permissions, queries, services
from market.network.blueprint import bp
from market.network.forms import PlaceForm
from market.network.models import ActorPlace
from market.network.rules import DISTANCES_KM
from market.network.tiles import COMMUNE_CREDITS, csp_with_tiles, tile_settings
from market.web import CSP

from market.network import agenda_views  # noqa: F401,E402  (routes)


@bp.get("/carte")
def map_page():
    filters = queries.clean_filters(request.args)
    result = queries.map_actors(filters)
    tiles = tile_settings(current_app.config)
    args = {k: v for k, v in filters.items() if k != "show" or v != "organizations"}
    response = current_app.make_response(render_template(
        "network/map.html", result=result, filters=filters, tiles=tiles, commune_credits=COMMUNE_CREDITS,
        legal_forms=LEGAL_FORMS, categories=CATEGORIES, distances=DISTANCES_KM, can_place=permissions.can_place,
        markers_url=url_for("network.markers", **args)))
    response.headers["Content-Security-Policy"] = csp_with_tiles(CSP, tiles["origin"])
    return response


@bp.get("/carte/acteurs.json")
def markers():
    result = queries.map_actors(queries.clean_filters(request.args))
    return jsonify(queries.as_json(result, label))


def _organization(slug) -> Organization:
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None or not permissions.can_place(current_user, organization):
        abort(404)
    return organization


@bp.route("/carte/structure/<slug>", methods=["GET", "POST"])
@login_required
def place_edit(slug):
    organization = _organization(slug)
    place = db.session.get(ActorPlace, organization.id)
    form = PlaceForm()
    if request.method == "GET" and place is not None:
        form.lat.data = "" if place.lat is None else f"{place.lat:.6f}".rstrip("0").rstrip(".")
        form.lon.data = "" if place.lon is None else f"{place.lon:.6f}".rstrip("0").rstrip(".")
        form.catchment_km.data = place.catchment_km
        form.catchment_communes.data = "; ".join(c.label for c in map(geo.get, place.commune_codes) if c)
    if form.validate_on_submit():
        services.set_place(current_user, organization, form.point, form.catchment_km.data, form.codes)
        db.session.commit()
        flash(_("La position et la zone desservie de %(name)s sont enregistrées.", name=organization.name),
              "success")
        return redirect(url_for("network.map_page", _anchor=f"acteur-{organization.id}"))
    tiles = tile_settings(current_app.config)
    response = current_app.make_response(render_template(
        "network/place_form.html", form=form, organization=organization, tiles=tiles,
        commune=organization.commune))
    response.headers["Content-Security-Policy"] = csp_with_tiles(CSP, tiles["origin"])
    return response
