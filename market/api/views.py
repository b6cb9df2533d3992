"""The read-only JSON API, /api/v1: listings, organisations, communes, and its OpenAPI document."""
import sqlalchemy as sa
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from sqlalchemy.orm import selectinload

from market import geo
from market.accounts.models import Organization
from market.api import openapi, params, serializers
from market.api.blueprint import bp
from market.api.queries import public_listing_counts
from market.directory.queries import can_see, listed_organizations
from market.errors import json_error
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_view
from market.listings.queries import public_listings_of
from market.search.service import search_listings

ANONYMOUS = AnonymousUserMixin()  # the API answers everyone alike: only what the public sees


@bp.errorhandler(params.BadParameter)
def _bad_parameter(exc):
    extra = {"parameter": exc.name}
    if exc.allowed:
        extra["allowed"] = exc.allowed
    return json_error(400, exc.message, **extra)


@bp.before_request
def _check_characters():
    params.check_characters(request.args)
    if any("\x00" in str(value) for value in (request.view_args or {}).values()):
        return json_error(404)


def _paginate(stmt):
    page, per_page = params.pagination(request.args)
    return db.paginate(stmt, page=page, per_page=per_page, error_out=False)


@bp.get("/communes")
def communes():
    items = geo.search(request.args.get("q", ""), limit=10)
    return jsonify({"items": [{"code": c.code, "label": c.label} for c in items]})


@bp.get("/listings")
def listings():
    """The same search as the browse page: words through the index, facets and suggestion included."""
    filters = params.listing_filters(request.args)
    page, per_page = params.pagination(request.args)
    found = search_listings(filters, page=page, per_page=per_page, sort=params.sort(request.args))
    body = {"items": [serializers.listing(item) for item in found.items], "total": found.total,
            "page": page, "per_page": per_page, "facets": found.facets, "suggestion": found.suggestion,
            "estimated": found.estimated}
    return jsonify(body)


@bp.get("/listings/<int:listing_id>")
def listing(listing_id):
    item = db.session.get(Listing, listing_id)
    if item is None or not can_view(ANONYMOUS, item):
        return json_error(404, _("Annonce introuvable."))
    return jsonify(serializers.listing(item))


@bp.get("/organizations")
def organizations():
    result = _paginate(listed_organizations(params.organization_filters(request.args)))
    counts = public_listing_counts(org.id for org in result.items)
    items = [serializers.organization(org, counts.get(org.id, 0)) for org in result.items]
    return jsonify(serializers.page(items, result))


@bp.get("/organizations/<slug>")
def organization(slug):
    org = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if org is None or not can_see(ANONYMOUS, org):
        return json_error(404, _("Structure introuvable."))
    count = public_listing_counts([org.id]).get(org.id, 0)
    return jsonify(serializers.organization_detail(org, count, public_listings_of(org)))


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


from market.api import (agreement_writes, exchange_writes, listing_writes, matching_writes,  # noqa: E402,F401
                        write_openapi)  # (their routes and their OpenAPI entries)
from market.membership import api as _membership_api  # noqa: E402,F401  (the feature's reads and their OpenAPI)
from market.timebank import api as _timebank_api, api_openapi as _timebank_openapi  # noqa: E402,F401
from market.ressourcerie import api as _ressourcerie_api  # noqa: E402,F401
from market.purchasing import api as _purchasing_api  # noqa: E402,F401  (group purchases, purchases on quotation)
from market.events import api as events_api, api_openapi as events_openapi  # noqa: E402,F401


@bp.get("/docs")
def docs():
    """The document for people: tokens, a curl example, then every operation with its body and answers."""
    from flask import render_template
    return render_template("api/docs.html", doc=openapi.document(), methods=("get", "post", "patch", "delete"))
