"""The time bank through the API (/api/v1): the skills register (read), coups de pouce and their requests,
workshops and their seats (create, cancel), one's own accounts and movements. A second door to the same forms,
services and permission functions as the pages."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _

from market.api import bodies
from market.api.auth import require_user
from market.api.blueprint import bp
from market.api.params import BadParameter
from market.api.writing import created, write
from market.extensions import db
from market.ledger.models import LedgerAccount
from market.ledger.queries import history, other_lines
from market.timebank import api_shapes as shapes
from market.timebank import credits, permissions, queries, register, rules, services, skills, workshops
from market.timebank.accounts import existing_account, holders_of
from market.timebank.api_schemas import BOOK, EMPTY, POST, REASON, REQUEST, WORKSHOP
from market.timebank.forms import PostForm, RespondForm
from market.timebank.models import HelpExchange, HelpPost
from market.timebank.workshop_forms import BookForm, CancelWorkshopForm, WorkshopForm
from market.timebank.workshop_models import Workshop, WorkshopSeat

MODES = ("remote", "on_site")


def _not_found(message=None):
    return bodies.BodyRefused(404, "not_found", message or _("Introuvable."))


def _get(model, ident, visible=lambda user, item: True):
    user = require_user()
    item = db.session.get(model, ident)
    if item is None or not visible(user, item):
        raise _not_found()
    return item


def _holder(user, data: dict) -> str:
    """"organization": a slug of one's organisations, null (or "") for oneself; absent: the first organisation."""
    if "organization" not in data:
        return f"org:{user.organizations[0].id}" if user.organizations else f"user:{user.id}"
    slug = data.get("organization")
    if not slug:
        return f"user:{user.id}"
    organization = next((o for o in user.organizations if o.slug == slug), None)
    if organization is None:
        raise bodies.BodyRefused(422, "validation_failed", _("Certaines valeurs sont refusées : voyez chaque champ."),
                                 {"organization": _("Vous n'agissez pas au nom de cette structure.")})
    return f"org:{organization.id}"


def _form(form_class, user, values: dict):
    form = bodies.form_from(form_class, values)
    form.set_holders(user)
    if not form.validate():
        raise bodies.refuse_form(form)
    return form


def _hours(minutes) -> str:
    return "" if minutes is None else f"{int(minutes) // 60}h{int(minutes) % 60:02d}"


def _only(*names) -> None:
    """A parameter this operation does not know is refused (a misspelt filter would silently list everything)."""
    for name in request.args:
        if name not in names:
            raise BadParameter(name[:40], _("Paramètre inconnu : « %(name)s ». Paramètres possibles : %(names)s.",
                                            name=name[:40], names=", ".join(names) or "—"), allowed=names)


def _choice(name: str, allowed) -> str:
    value = request.args.get(name, "")
    if value and value not in allowed:
        raise BadParameter(name, _("Valeur inconnue."), allowed=list(allowed))
    return value


@bp.get("/skills")
def skills_list():
    _only()
    return jsonify({"items": [shapes.skill(s) for s in skills.referential()]})


@bp.get("/skills/register")
def skills_register():
    require_user()
    _only("q", "skill", "mode")
    q = " ".join((request.args.get("q") or "").split())[:200]
    skill, mode = _choice("skill", [code for code, _label in skills.choices()]), _choice("mode", MODES)
    return jsonify({"items": [shapes.register_entry(e) for e in register.search(q, skill, mode)]})


@bp.get("/timebank/posts")
def timebank_posts():
    require_user()
    _only("kind", "skill")
    kind, skill = _choice("kind", ("offer", "ask")), _choice("skill", [code for code, _label in skills.choices()])
    return jsonify({"items": [shapes.post(p) for p in queries.open_posts(kind or None, skill or None)]})


@bp.post("/timebank/posts")
@write(idempotent=True)
def timebank_post_create():
    user = require_user()
    data = bodies.json_body(POST)
    form = _form(PostForm, user, {"holder": _holder(user, data), "kind": data.get("kind"), "skill": data.get("skill"),
                                  "title": data.get("title"), "description": data.get("description", ""),
                                  "hours": _hours(data.get("minutes")), "slots": data.get("slots")})
    item = services.create_post(user, permissions.holder_object(form.holder.data), form.kind.data, form.skill.data,
                                form.title.data, form.description.data or "", form.hours.minutes,
                                form.slots.data if form.kind.data == "offer" else None)
    return created(shapes.post(item), url_for("api.timebank_post", post_id=item.id, _external=True))


@bp.get("/timebank/posts/<int:post_id>")
def timebank_post(post_id):
    return jsonify(shapes.post(_get(HelpPost, post_id)))


@bp.post("/timebank/posts/<int:post_id>/close")
@write
def timebank_post_close(post_id):
    item = _get(HelpPost, post_id)
    bodies.optional_body(EMPTY)
    services.close_post(require_user(), item)
    return jsonify(shapes.post(item))


@bp.post("/timebank/posts/<int:post_id>/requests")
@write(idempotent=True)
def timebank_request(post_id):
    item = _get(HelpPost, post_id)
    user = require_user()
    data = bodies.json_body(REQUEST)
    form = _form(RespondForm, user, {"holder": _holder(user, data), "message": data.get("message"),
                                     "scheduled_on": data.get("scheduled_on")})
    exchange = services.respond(user, item, permissions.holder_object(form.holder.data), form.message.data,
                                form.scheduled_on.data)
    return created(shapes.exchange(exchange), url_for("api.timebank_exchange", exchange_id=exchange.id,
                                                      _external=True))


@bp.get("/timebank/exchanges/<int:exchange_id>")
def timebank_exchange(exchange_id):
    return jsonify(shapes.exchange(_get(HelpExchange, exchange_id, permissions.can_see_exchange)))


@bp.post("/timebank/exchanges/<int:exchange_id>/cancel")
@write
def timebank_exchange_cancel(exchange_id):
    item = _get(HelpExchange, exchange_id, permissions.can_see_exchange)
    bodies.optional_body(EMPTY)
    services.act(require_user(), item, "cancel")
    return jsonify(shapes.exchange(item))


@bp.get("/workshops")
def workshops_list():
    require_user()
    _only("skill")
    skill = _choice("skill", [code for code, _label in skills.choices()])
    return jsonify({"items": [shapes.workshop(w) for w in queries.upcoming_workshops(skill or None)]})


@bp.post("/workshops")
@write(idempotent=True)
def workshop_create():
    user = require_user()
    data = bodies.json_body(WORKSHOP)
    form = _form(WorkshopForm, user, {"notice_hours": 24, **{k: v for k, v in data.items() if k != "organization"},
                                      "holder": _holder(user, data)})
    item = workshops.create_workshop(user, permissions.holder_object(form.holder.data), form.values())
    return created(shapes.workshop(item), url_for("api.workshop", workshop_id=item.id, _external=True))


@bp.get("/workshops/<int:workshop_id>")
def workshop(workshop_id):
    return jsonify(shapes.workshop(_get(Workshop, workshop_id)))


@bp.post("/workshops/<int:workshop_id>/cancel")
@write
def workshop_cancel(workshop_id):
    from market.timebank.notices import tell_workshop_cancelled
    item = _get(Workshop, workshop_id)
    form = bodies.form_from(CancelWorkshopForm, bodies.json_body(REASON))
    if not form.validate():
        raise bodies.refuse_form(form)
    tell_workshop_cancelled(item, workshops.cancel_workshop(require_user(), item, form.reason.data))
    return jsonify(shapes.workshop(item))


@bp.post("/workshops/<int:workshop_id>/seats")
@write(idempotent=True)
def workshop_book(workshop_id):
    item = _get(Workshop, workshop_id)
    user = require_user()
    data = bodies.optional_body(BOOK)
    form = _form(BookForm, user, {"holder": _holder(user, data)})
    seat = workshops.book(user, item, permissions.holder_object(form.holder.data))
    return created(shapes.seat(seat), url_for("api.workshop_seat", seat_id=seat.id, _external=True))


@bp.get("/workshop-seats/<int:seat_id>")
def workshop_seat(seat_id):
    return jsonify(shapes.seat(_get(WorkshopSeat, seat_id, permissions.can_see_seat)))


@bp.post("/workshop-seats/<int:seat_id>/cancel", defaults={"action": "cancel"})
@bp.post("/workshop-seats/<int:seat_id>/confirm", defaults={"action": "confirm"})
@write
def workshop_seat_act(seat_id, action):
    item = _get(WorkshopSeat, seat_id, permissions.can_see_seat)
    bodies.optional_body(EMPTY)
    (workshops.cancel_seat if action == "cancel" else workshops.confirm_seat)(require_user(), item)
    return jsonify(shapes.seat(item))


@bp.get("/timebank/account")
def timebank_account():
    user = require_user()
    _only()
    accounts = [a for a in (existing_account(h) for h in holders_of(user)) if a is not None]
    return jsonify({"items": [shapes.account(a, credits.soft_warning(a)) for a in accounts]})


@bp.get("/timebank/accounts/<int:account_id>/movements")
def timebank_movements(account_id):
    item = _get(LedgerAccount, account_id, lambda user, account: account.book == rules.BOOK and
                permissions.can_act_for(user, account))
    lines = history(item.id)
    return jsonify({"account": shapes.account(item, credits.soft_warning(item)),
                    "items": [shapes.movement(line, entry, after, other_lines(entry, item.id))
                              for line, entry, after in lines]})
