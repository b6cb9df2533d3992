"""The ressourcerie through the API (/api/v1/ressourcerie/...): the pages' forms, services and permission functions."""
from decimal import Decimal

from flask import jsonify, request, url_for
from flask_babel import gettext as _

from market.api import bodies, params
from market.api.auth import api_user, require_user
from market.api.blueprint import bp
from market.api.writing import Conflict, created, write
from market.exchanges.forms import acting_choices
from market.extensions import db
from market.fields import today
from market.ressourcerie import api_openapi as schemas, api_shapes as shapes, permissions, queries, rules, services
from market.ressourcerie.forms import AllocateForm, CorrectionForm, GiveForm, ReserveForm
from market.ressourcerie.labels import LABELS
from market.ressourcerie.models import Batch, Handover, Reservation


def _not_found(message):
    return bodies.BodyRefused(404, "not_found", message)


def _batch(batch_id) -> Batch:
    item = db.session.get(Batch, batch_id)
    if item is None or (item.status == "closed" and not permissions.can_manage(api_user(), item)):
        raise _not_found(_("Lot introuvable."))
    return item


def _reservation(reservation_id) -> tuple[Reservation, str]:
    user = require_user()
    item = db.session.get(Reservation, reservation_id)
    role = permissions.role_of(user, item) if item is not None else None
    if role is None:
        raise _not_found(_("Réservation introuvable."))
    return item, role


def _run(service, *args):
    """A service's refusal as the API says it: beside its field (422), or the state that forbids it (409)."""
    try:
        return service(api_user(), *args)
    except services.Refused as exc:
        if exc.field:
            raise bodies.BodyRefused(422, "refused", str(exc), {exc.field: str(exc)}) from None
        raise Conflict(str(exc), "refused") from None


def _form(form_class, data: dict, **choices):
    form = bodies.form_from(form_class, data)
    for name, values in choices.items():
        getattr(form, name).choices = values
    if not form.validate():
        raise bodies.refuse_form(form)
    return form


def _acting(data: dict) -> dict:
    """The "Au nom de" of the pages: the organisation sent (null: personally), or the first one as on the page."""
    choices = acting_choices(api_user())
    return {"organization": (data.get("organization") or "") if "organization" in data else choices[0][0]}


def _organization(slug):
    return next((o for o in api_user().organizations if o.slug == slug), None) if slug else None


def _batch_body(item, status=200):
    body = shapes.batch(item, services.handed_over(item), queries.requests_of(item),
                        rules.collecting(item.requests_until, today()))
    if status == 201:
        return created(body, url_for("api.ressourcerie_batch", batch_id=item.id, _external=True))
    return jsonify(body)


def _reservation_body(item, role, status=200):
    no_shows = queries.no_shows({item.user_id}).get(item.user_id, 0) if role == "donor" else None
    body = shapes.reservation(item, role, queries.waiting_position(item), no_shows)
    if status == 201:
        return created(body, url_for("api.ressourcerie_reservation", reservation_id=item.id, _external=True))
    return jsonify(body)


def _handover_body(entry):
    return created(shapes.handover(entry), url_for("api.ressourcerie_handover", handover_id=entry.id, _external=True))


@bp.get("/ressourcerie/batches")
def ressourcerie_batches():
    category = request.args.get("category")
    if category is not None and category not in LABELS["category"]:
        raise params.BadParameter("category", _("Catégorie inconnue."), list(LABELS["category"]))
    page, per_page = params.pagination(request.args)
    found = queries.catalogue(request.args.get("q", "")[:200], category or "")
    items = found[(page - 1) * per_page:page * per_page]
    collecting = {b.id: rules.collecting(b.requests_until, today()) for b in items}
    return jsonify({"items": [shapes.batch(b, services.handed_over(b), queries.requests_of(b), collecting[b.id])
                              for b in items], "total": len(found), "page": page, "per_page": per_page})


@bp.get("/ressourcerie/batches/<int:batch_id>")
def ressourcerie_batch(batch_id):
    return _batch_body(_batch(batch_id))


@bp.post("/ressourcerie/batches")
@write(idempotent=True)
def ressourcerie_give():
    data = bodies.json_body(schemas.GIVE)
    grams = data.pop("unit_weight_g", None)
    values = {**data, **_acting(data)}
    if grams is not None:
        values["unit_weight"] = str(Decimal(grams) / 1000)
    form = _form(GiveForm, values, organization=acting_choices(api_user()))
    item = _run(services.give, _organization(form.organization.data), form.values(), [])
    return _batch_body(item, 201)


@bp.get("/ressourcerie/batches/<int:batch_id>/reservations")
def ressourcerie_batch_reservations(batch_id):
    item = _batch(batch_id)
    if not permissions.can_manage(require_user(), item):
        raise bodies.BodyRefused(403, "forbidden", _("Seul le donateur voit les réservations de son lot."))
    reservations = queries.reservations_of(item)
    no_shows = queries.no_shows({r.user_id for r in reservations})
    return jsonify({"items": [shapes.reservation(r, "donor", queries.waiting_position(r), no_shows.get(r.user_id, 0))
                              for r in reservations]})


@bp.post("/ressourcerie/batches/<int:batch_id>/reservations")
@write(idempotent=True)
def ressourcerie_reserve(batch_id):
    item = _batch(batch_id)
    data = bodies.json_body(schemas.RESERVE)
    if not permissions.can_reserve(require_user(), item):
        raise PermissionError()
    form = _form(ReserveForm, {**data, **_acting(data)}, organization=acting_choices(api_user()))
    reservation = _run(services.reserve, item, form.quantity.data, _organization(form.organization.data))
    return _reservation_body(reservation, "holder", 201)


@bp.get("/ressourcerie/reservations")
def ressourcerie_my_reservations():
    mine = queries.my_reservations(require_user())
    return jsonify({"items": [shapes.reservation(r, "holder", queries.waiting_position(r)) for r in mine]})


@bp.get("/ressourcerie/reservations/<int:reservation_id>")
def ressourcerie_reservation(reservation_id):
    return _reservation_body(*_reservation(reservation_id))


@bp.post("/ressourcerie/reservations/<int:reservation_id>/cancel", defaults={"action": "cancel"})
@bp.post("/ressourcerie/reservations/<int:reservation_id>/confirm", defaults={"action": "confirm"})
@bp.post("/ressourcerie/reservations/<int:reservation_id>/allocate", defaults={"action": "allocate"})
@write
def ressourcerie_decide(reservation_id, action):
    item, role = _reservation(reservation_id)
    if action == "allocate":
        data = bodies.optional_body(schemas.ALLOCATE)
        quantity = _form(AllocateForm, data).quantity.data if "quantity" in data else None
        _run(services.allocate, item, quantity)
    else:
        bodies.optional_body(schemas.EMPTY)
        _run(getattr(services, action), item)
    return _reservation_body(item, role)


@bp.post("/ressourcerie/reservations/<int:reservation_id>/handover")
@write(idempotent=True)
def ressourcerie_hand_over(reservation_id):
    item, _role = _reservation(reservation_id)
    bodies.optional_body(schemas.EMPTY)
    return _handover_body(_run(services.hand_over, item))


@bp.post("/ressourcerie/batches/<int:batch_id>/handovers")
@write(idempotent=True)
def ressourcerie_hand_over_by_code(batch_id):
    item = _batch(batch_id)
    data = bodies.json_body(schemas.CODE)
    if not permissions.can_manage(require_user(), item):
        raise PermissionError()
    return _handover_body(_run(services.hand_over_by_code, item, data["code"]))


def _entry(handover_id) -> Handover:
    user = require_user()
    entry = db.session.get(Handover, handover_id)
    reservation = db.session.get(Reservation, entry.reservation_id) if entry and entry.reservation_id else None
    if entry is None or not (permissions.can_manage(user, entry.batch)
                             or (reservation is not None and permissions.role_of(user, reservation) == "holder")):
        raise _not_found(_("Remise introuvable."))
    return entry


@bp.get("/ressourcerie/handovers/<int:handover_id>")
def ressourcerie_handover(handover_id):
    return jsonify(shapes.handover(_entry(handover_id)))


@bp.post("/ressourcerie/handovers/<int:handover_id>/corrections")
@write(idempotent=True)
def ressourcerie_correct(handover_id):
    entry = _entry(handover_id)
    data = bodies.json_body(schemas.CORRECTION)
    if not permissions.can_manage(api_user(), entry.batch):
        raise PermissionError()
    form = _form(CorrectionForm, {**data, "entry": str(entry.id)}, entry=[(str(entry.id), "")])
    return _handover_body(_run(services.correct, entry, form.quantity.data, form.note.data))


@bp.get("/ressourcerie/impact")
def ressourcerie_impact():
    return jsonify(shapes.impact(rules.impact(queries.impact_entries())))
