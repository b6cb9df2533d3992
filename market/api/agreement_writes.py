"""Agreements (skills, volunteering) through the API: propose from a conversation, confirm, mark done, cancel."""
from flask import jsonify, url_for

from market.api import bodies, exchange_shapes as shapes, schemas
from market.api.auth import api_user
from market.api.blueprint import bp
from market.api.exchange_writes import _conversation, _exchange, _reason
from market.api.writing import created, write
from market.exchanges import agreements, permissions
from market.exchanges.forms import AgreementForm, DoneForm
from market.exchanges.models import Agreement


@bp.post("/conversations/<int:conversation_id>/agreements")
@write(idempotent=True)
def propose_agreement(conversation_id):
    conversation = _conversation(conversation_id)
    data = bodies.json_body(schemas.AGREEMENT)
    if not permissions.can_propose_agreement(api_user(), conversation):
        raise PermissionError()
    minutes = data.pop("minutes")
    form = bodies.form_from(AgreementForm, {**data, "hours": f"{minutes // 60}h{minutes % 60:02d}"})
    if not form.validate():
        raise bodies.refuse_form(form)
    item = agreements.propose(api_user(), conversation, form.title.data, form.scheduled_on.data, form.minutes,
                              form.time_note.data)
    return created(shapes.agreement(item), url_for("api.agreement", agreement_id=item.id, _external=True))


@bp.get("/agreements/<int:agreement_id>")
def agreement(agreement_id):
    return jsonify(shapes.agreement(_exchange(Agreement, agreement_id)))


@bp.post("/agreements/<int:agreement_id>/confirm", defaults={"action": "confirm"})
@bp.post("/agreements/<int:agreement_id>/done", defaults={"action": "done"})
@bp.post("/agreements/<int:agreement_id>/cancel", defaults={"action": "cancel"})
@write
def decide_agreement(agreement_id, action):
    item = _exchange(Agreement, agreement_id)
    if action == "confirm":
        bodies.optional_body(schemas.EMPTY)
        agreements.confirm(api_user(), item)
    elif action == "done":
        form = bodies.form_from(DoneForm, bodies.optional_body(schemas.DONE))
        if not form.validate():
            raise bodies.refuse_form(form)
        agreements.mark_done(api_user(), item, form.note.data)
    else:
        agreements.cancel(api_user(), item, _reason(bodies.json_body(schemas.REASON)))
    return jsonify(shapes.agreement(item))
