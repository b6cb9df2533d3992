"""Group purchases and purchases on quotation through the API: the pages' forms, services and permissions, in JSON."""
from contextlib import contextmanager

from flask import jsonify
from flask_babel import gettext as _

from market.api import bodies
from market.api.schemas import EMPTY
from market.api.auth import api_token, require_user
from market.api.blueprint import bp
from market.api.writing import Conflict, created, write
from market.extensions import db
from market.purchasing import api_shapes as shapes, closing, permissions, queries, services
from market.purchasing.api_openapi import COMMITMENT_CREATE, COMMITMENT_UPDATE, INTEREST_CREATE, INTEREST_UPDATE
from market.purchasing.forms import CommitForm
from market.purchasing.models import Commitment, PurchaseGroup
from market.purchasing.quotes import queries as quote_queries, services as quotes
from market.purchasing.quotes.forms import interest_form
from market.purchasing.quotes.models import DETAILS, Interest, InterestList
from market.types import utcnow

def _not_found(message):
    return bodies.BodyRefused(404, "not_found", message)


@contextmanager
def _service():
    """A service's refusal as the API says it: 422 with the field's message, 409 when the state forbids it."""
    try:
        yield
    except services.PurchaseRefused as exc:
        named = {name: sentence for name, sentence in exc.by_field if name}
        if named:
            raise bodies.BodyRefused(422, "validation_failed", " ".join(exc.reasons), named) from exc
        raise Conflict(" ".join(exc.reasons), "refused") from exc


def _group(purchase_id) -> PurchaseGroup:
    user = require_user()
    group = db.session.get(PurchaseGroup, purchase_id)
    if group is None or not permissions.can_view(user, group):
        raise _not_found(_("Achat groupé introuvable."))
    if group.status == "open" and group.closes_at <= utcnow():  # the deadline passed before cron ran: as the page
        closing.close_group(group)
        db.session.commit()
    return group


def _commitment(commitment_id) -> Commitment:
    user = require_user()
    row = db.session.get(Commitment, commitment_id)
    if row is None or not permissions.can_see_amounts(user, row.group, row.organization):
        raise _not_found(_("Engagement introuvable."))
    return row


def _acting(data: dict):
    """The organisation named, else the token's, else the first one the person may act for (as on the page)."""
    user = require_user()
    choices = {o.slug: o for o in permissions.acting_organizations(user)}
    if not choices:
        raise PermissionError()
    if "organization" in data:
        slug = data["organization"]
    else:
        token_org = api_token().organization if api_token() is not None else None
        slug = token_org.slug if token_org is not None and token_org.slug in choices else next(iter(choices))
    if slug not in choices:
        raise bodies.BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."),
                                 {"organization": _("Vous ne pouvez pas agir au nom de cette structure.")})
    return choices[slug]


@bp.get("/purchases")
def purchases():
    require_user()
    groups = queries.groups("open") + queries.groups("closed")
    return jsonify({"items": [shapes.purchase_summary(g) for g in groups]})


@bp.get("/purchases/<int:purchase_id>")
def purchase(purchase_id):
    return jsonify(shapes.purchase(_group(purchase_id), require_user()))


@bp.get("/purchases/<int:purchase_id>/amounts")
def purchase_amounts(purchase_id):
    group = _group(purchase_id)
    if group.status != "confirmed":
        raise bodies.BodyRefused(409, "not_confirmed", _("Les montants sont connus une fois l'achat confirmé."))
    return jsonify(shapes.amounts(group, require_user()))


def _quantity(data: dict, organization) -> int:
    form = bodies.form_from(CommitForm, {"organization": organization.slug, "quantity": data["quantity"]})
    form.organization.choices = [(organization.slug, organization.name)]
    if not form.validate():
        raise bodies.refuse_form(form)
    return form.quantity.data


@bp.post("/purchases/<int:purchase_id>/commitments")
@write(idempotent=True)
def create_commitment(purchase_id):
    group = _group(purchase_id)
    data = bodies.json_body(COMMITMENT_CREATE)
    organization = _acting(data)
    existing = queries.commitment_of(group, organization)
    if existing is not None:
        raise Conflict(_("%(org)s est déjà engagée (engagement %(id)d) : modifiez-le plutôt.",
                         org=organization.name, id=existing.id), "already_committed")
    with _service():
        row = services.commit(require_user(), group, organization, _quantity(data, organization))
    body = shapes.commitment(row)
    return created(body, body["url"])


@bp.get("/commitments/<int:commitment_id>")
def purchase_commitment(commitment_id):
    return jsonify(shapes.commitment(_commitment(commitment_id)))


@bp.patch("/commitments/<int:commitment_id>")
@write
def update_commitment(commitment_id):
    row = _commitment(commitment_id)
    data = bodies.json_body(COMMITMENT_UPDATE)
    with _service():
        row = services.commit(require_user(), row.group, row.organization, _quantity(data, row.organization))
    return jsonify(shapes.commitment(row))


@bp.delete("/commitments/<int:commitment_id>")
@write
def withdraw_commitment(commitment_id):
    row = _commitment(commitment_id)
    with _service():
        services.commit(require_user(), row.group, row.organization, 0)
    return "", 204


def _list(list_id) -> InterestList:
    user = require_user()
    item = db.session.get(InterestList, list_id)
    if item is None or not permissions.can_view(user, item):
        raise _not_found(_("Achat sur devis introuvable."))
    return item


def _interest(interest_id) -> Interest:
    user = require_user()
    row = db.session.get(Interest, interest_id)
    if row is None or not (permissions.can_manage(user, row.interest_list) or
                           user.membership_in(row.organization) is not None):
        raise _not_found(_("Inscription introuvable."))
    return row


@bp.get("/interest-lists")
def interest_lists():
    require_user()
    current, past = quote_queries.lists()
    return jsonify({"items": [shapes.interest_list_summary(i) for i in current + past]})


@bp.get("/interest-lists/<int:list_id>")
def interest_list(list_id):
    return jsonify(shapes.interest_list(_list(list_id), require_user()))


def _details(item, organization, values: dict) -> tuple[dict, str]:
    """The details through the page's form of this list (its required numbers), as (details, note)."""
    form = interest_form(item, formdata=bodies.formdata({**values, "organization": organization.slug}),
                         meta={"csrf": False})
    form.organization.choices = [(organization.slug, organization.name)]
    if not form.validate():
        raise bodies.refuse_form(form)
    return form.details(), form.note.data or ""


@bp.post("/interest-lists/<int:list_id>/interests")
@write(idempotent=True)
def create_interest(list_id):
    item = _list(list_id)
    data = bodies.json_body(INTEREST_CREATE)
    organization = _acting(data)
    existing = quotes.interest_of(item, organization)
    if existing is not None:
        raise Conflict(_("%(org)s est déjà sur la liste (inscription %(id)d) : modifiez-la plutôt.",
                         org=organization.name, id=existing.id), "already_registered")
    details, note = _details(item, organization, {k: v for k, v in data.items() if k != "organization"})
    with _service():
        row = quotes.register(require_user(), item, organization, details, note, new_only=True)
    body = shapes.interest(row)
    return created(body, body["url"])


@bp.get("/interests/<int:interest_id>")
def purchase_interest(interest_id):
    return jsonify(shapes.interest(_interest(interest_id)))


@bp.patch("/interests/<int:interest_id>")
@write
def update_interest(interest_id):
    row = _interest(interest_id)
    data = bodies.json_body(INTEREST_UPDATE)
    current = {name: getattr(row, name) for name in DETAILS} | {"note": row.note}
    details, note = _details(row.interest_list, row.organization, {**current, **data})
    with _service():
        row = quotes.register(require_user(), row.interest_list, row.organization, details, note)
    return jsonify(shapes.interest(row))


@bp.delete("/interests/<int:interest_id>")
@write
def withdraw_interest(interest_id):
    row = _interest(interest_id)
    with _service():
        quotes.withdraw(require_user(), row)
    return "", 204


@bp.post("/interests/<int:interest_id>/accept", defaults={"accepted": True})
@bp.post("/interests/<int:interest_id>/decline", defaults={"accepted": False})
@write
def answer_offer(interest_id, accepted):
    row = _interest(interest_id)
    bodies.optional_body(EMPTY)
    with _service():
        quotes.answer(require_user(), row, accepted)
    return jsonify(shapes.interest(row))
