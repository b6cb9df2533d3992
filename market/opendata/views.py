"""Open data routes: HSDS under /api/v1/hsds, exports under /api/v1/export, Atom feeds, GoGoCarto, the explaining page."""
from flask import Blueprint, Response, current_app, jsonify, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _

from market.api import params
from market.errors import json_error
from market.extensions import db
from market.labels import label
from market.listings.models import Listing
from market.listings.queries import clean_filters
from market.opendata import exports, feeds, gogocarto, hsds, ids, queries
from market.opendata import openapi as _openapi  # noqa: F401  (registers its operations)

bp = Blueprint("opendata", __name__)


@bp.errorhandler(params.BadParameter)
def _bad_parameter(exc):
    return json_error(400, exc.message, parameter=exc.name)


def _paginate(stmt):
    page, per_page = params.pagination(request.args)
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


def _organization_filter():
    raw = request.args.get("organization_id", "")
    if not raw:
        return None
    key = ids.parse("organization", raw)
    if key is None:
        raise params.BadParameter("organization_id", _("Identifiant de structure inconnu."))
    return key


@bp.get("/api/v1/hsds/")
def hsds_root():
    return jsonify({"version": hsds.HSDS_VERSION, "profile": url_for("opendata.page", _external=True),
                    "openapi_url": url_for("api.openapi_document", _external=True)})


@bp.get("/api/v1/hsds/organizations")
def hsds_organizations():
    result = _paginate(queries.open_organizations())
    return jsonify(hsds.page([hsds.organization(org) for org in result.items], result))


@bp.get("/api/v1/hsds/organizations/<hsds_id>")
def hsds_organization(hsds_id):
    key = ids.parse("organization", hsds_id)
    org = queries.open_organization(key) if key is not None else None
    if org is None:
        return json_error(404, _("Structure introuvable."))
    return jsonify(hsds.organization_full(org, db.session.scalars(queries.open_offers(org.id)).all()))


@bp.get("/api/v1/hsds/services")
def hsds_services():
    result = _paginate(queries.open_offers(_organization_filter()))
    return jsonify(hsds.page([hsds.service(item) for item in result.items], result))


def _offer_as(kind: str, hsds_id: str, shape):
    """One published offer by its HSDS id of `kind`, in the HSDS `shape`, or a JSON 404."""
    key = ids.parse(kind, hsds_id)
    item = queries.open_offer(key) if key is not None else None
    if item is None:
        return json_error(404, _("Service introuvable."))
    return jsonify(shape(item))


@bp.get("/api/v1/hsds/services/<hsds_id>")
def hsds_service(hsds_id):
    return _offer_as("service", hsds_id, hsds.service_full)


@bp.get("/api/v1/hsds/service_at_locations")
def hsds_service_at_locations():
    result = _paginate(queries.open_offers(_organization_filter()))
    return jsonify(hsds.page([hsds.service_at_location(item) for item in result.items], result))


@bp.get("/api/v1/hsds/service_at_locations/<hsds_id>")
def hsds_service_at_location(hsds_id):
    return _offer_as("service_at_location", hsds_id, hsds.service_at_location)


def _export(name: str, fmt: str):
    columns, rows = exports.DATASETS[name]
    if fmt == "csv":
        body, mimetype = exports.csv_rows(columns, rows()), "text/csv; charset=utf-8"
    else:
        body, mimetype = exports.json_rows(name, rows()), "application/json"
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response.headers["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
    response.headers["X-License"] = exports.LICENCE
    return response


@bp.get("/api/v1/export/structures.csv")
def export_organizations_csv():
    return _export("structures", "csv")


@bp.get("/api/v1/export/structures.json")
def export_organizations_json():
    return _export("structures", "json")


@bp.get("/api/v1/export/annonces.csv")
def export_listings_csv():
    return _export("annonces", "csv")


@bp.get("/api/v1/export/annonces.json")
def export_listings_json():
    return _export("annonces", "json")


@bp.get("/api/v1/export/gogocarto.json")
def export_gogocarto():
    categories: dict[int, set] = {}
    rows = db.session.execute(queries.open_listings().with_only_columns(Listing.organization_id, Listing.category)
                              .order_by(None).distinct())
    for org_id, category in rows:
        categories.setdefault(org_id, set()).add(category)
    elements = [gogocarto.element(org, categories.get(org.id, set()))
                for org in queries.stream(queries.open_organizations())]
    return jsonify(gogocarto.document(elements))


FEED_KINDS = {"offres": "offer", "besoins": "need"}


@bp.get("/flux/<any(offres, besoins):name>.atom")
def feed(name):
    kind = FEED_KINDS[name]
    filters = {k: v for k, v in clean_filters(request.args).items() if k in ("category", "commune")}
    listings = db.session.scalars(queries.published_listings({**filters, "kind": kind}).limit(feeds.FEED_SIZE)).all()
    title = str(label("kind_plural", kind))
    if "category" in filters:
        title += " · " + label("category", filters["category"])
    if "commune" in filters:
        title += " · " + filters["commune"]
    title += " – " + current_app.config["SITE_NAME"]
    body = feeds.atom(title, kind, filters, listings, current_app.config["SITE_NAME"])
    return Response(body, mimetype="application/atom+xml")


@bp.get("/donnees-ouvertes")
def page():
    return render_template("opendata/index.html", licence=exports.LICENCE, licence_url=exports.LICENCE_URL)
