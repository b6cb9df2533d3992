"""Writing listings through the API: the page's form, services and permission functions, answered in JSON."""
from flask import jsonify, url_for
from flask_babel import gettext as _

from market import geo
from market.api import bodies, schemas, serializers
from market.api.auth import api_token, api_user, require_user
from market.api.blueprint import bp
from market.api.writing import Conflict, created, write
from market.extensions import db
from market.listings import services
from market.listings.forms import CloseForm, ListingForm
from market.listings.models import Listing
from market.listings.permissions import can_manage, can_post_for, can_view
from market.listings.rules import EDITABLE
YES_NO = {True: "yes", False: "no", None: ""}


class NotFound(bodies.BodyRefused):
    def __init__(self, message=None):
        super().__init__(404, "not_found", message or _("Annonce introuvable."))


def _form_values(data: dict) -> dict:
    """JSON names and types to the form's: cents to euros, lists to "a; b", booleans to yes/no."""
    values = {k: v for k, v in data.items() if k not in ("price_cents", "deposit_cents", "tags", "amenities",
                                                           "step_free", "remote", "submit")}
    for cents, field in (("price_cents", "price"), ("deposit_cents", "deposit")):
        if data.get(cents) is not None:
            values[field] = f"{data[cents] / 100:.2f}"
    for name in ("tags", "amenities"):
        if name in data:
            values[name] = "; ".join(data[name])
    for name in ("step_free", "remote"):
        if name in data:
            values[name] = YES_NO[data[name]]
    return values


def _commune_label(code: str) -> str:
    """"Vichy (03200)": what the edit page shows, and resolves again to the same commune."""
    commune = geo.get(code)
    return commune.label if commune else code


def _current_values(listing: Listing) -> dict:
    """What the edit page's form starts from, as JSON names."""
    return {"kind": listing.kind, "category": listing.category, "title": listing.title,
            "description": listing.description, "commune": _commune_label(listing.commune_code), "terms": listing.terms,
            "price_cents": listing.price_cents, "quantity": listing.quantity,
            "available_from": listing.available_from.isoformat() if listing.available_from else None,
            "available_until": listing.available_until.isoformat() if listing.available_until else None,
            "tags": listing.tag_list, "urgent": bool(listing.urgent), "condition": listing.condition,
            "deposit_cents": listing.deposit_cents, "capacity": listing.capacity, "surface_m2": listing.surface_m2,
            "step_free": listing.step_free, "amenities": listing.amenity_list, "skill_domain": listing.skill_domain,
            "remote": listing.remote, "people_needed": listing.people_needed, "schedule": listing.schedule or ""}


def _posting_choices(user) -> list[tuple[str, object]]:
    choices = [(o.slug, o) for o in user.organizations if can_post_for(user, o)]
    if can_post_for(user, None):
        choices.append(("", None))
    return choices


def _organization(user, data):
    """The organisation to post for: the one named, else the token's, else the first one, as on the page."""
    choices = dict(_posting_choices(user))
    if not choices:
        raise PermissionError()
    if "organization" in data:
        slug = data["organization"] or ""
    else:
        token_org = api_token().organization
        slug = token_org.slug if token_org is not None else next(iter(choices))
    if slug not in choices:
        raise bodies.BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."),
                                 {"organization": _("Vous ne pouvez pas publier au nom de cette structure.")})
    return choices[slug]


def _managed(listing_id) -> Listing:
    """A listing the token's user may manage: 404 if they may not even see it, 403 if they may only see it."""
    user = api_user()
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(user, listing):
        raise NotFound()
    if not can_manage(user, listing):
        raise PermissionError()
    return listing


def _answer(listing, status=200):
    body = serializers.own_listing(listing)
    if status == 201:
        return created(body, url_for("api.my_listing", listing_id=listing.id, _external=True))
    return jsonify(body)


@bp.post("/listings")
@write(idempotent=True)
def create_listing():
    user = api_user()
    data = bodies.json_body(schemas.LISTING_CREATE)
    organization = _organization(user, data)
    form = bodies.form_from(ListingForm, {**_form_values(data), "organization": organization.slug if organization else ""})
    form.organization.choices = [(slug, slug) for slug, _o in _posting_choices(user)]
    form.organization.validators = []
    if not form.validate():
        raise bodies.refuse_form(form)
    listing = services.create_listing(user, organization, form.listing_values(), expires_on=form.expires_on.data,
                                      submit=data.get("submit", True))
    return _answer(listing, 201)


@bp.get("/my/listings/<int:listing_id>")
def my_listing(listing_id):
    user = require_user()
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_manage(user, listing):
        raise NotFound()
    return _answer(listing)


@bp.patch("/listings/<int:listing_id>")
@write
def update_listing(listing_id):
    listing = _managed(listing_id)
    data = bodies.json_body(schemas.LISTING_UPDATE)
    if listing.status not in EDITABLE:
        raise Conflict(_("Cette annonce ne peut plus être modifiée."), "listing_not_editable")
    form = bodies.form_from(ListingForm, _form_values({**_current_values(listing), **data}), obj=listing)
    del form.organization  # a listing never changes owner
    if not form.validate():
        raise bodies.refuse_form(form)
    services.update_listing(api_user(), listing, form.listing_values(),
                            expires_on=form.expires_on.data if "expires_on" in data else None)
    return _answer(listing)


@bp.post("/listings/<int:listing_id>/submit")
@write
def submit_listing(listing_id):
    listing = _managed(listing_id)
    bodies.optional_body(schemas.EMPTY)
    if listing.status not in ("draft", "changes_requested"):
        raise Conflict(_("Seul un brouillon ou une annonce à corriger peut être soumis."), "listing_not_submittable")
    services.submit_listing(api_user(), listing)
    return _answer(listing)


@bp.post("/listings/<int:listing_id>/close")
@write
def close_listing(listing_id):
    listing = _managed(listing_id)
    data = bodies.json_body(schemas.CLOSE)
    if listing.status != "published":
        raise Conflict(_("Cette annonce ne peut pas être clôturée maintenant."), "listing_not_published")
    form = bodies.form_from(CloseForm, data)
    if not form.validate():
        raise bodies.refuse_form(form)
    services.close_listing(api_user(), listing, form.reason.data)
    return _answer(listing)


@bp.post("/listings/<int:listing_id>/repost")
@write
def repost_listing(listing_id):
    listing = _managed(listing_id)
    bodies.optional_body(schemas.EMPTY)
    if listing.status not in ("closed", "expired") or listing.hidden:
        raise Conflict(_("Seule une annonce clôturée ou expirée peut être republiée."), "listing_not_repostable")
    services.repost_listing(api_user(), listing)
    return _answer(listing)
