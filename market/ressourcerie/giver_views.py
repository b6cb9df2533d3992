"""The giver's actions on a batch page: allocate a request, hand over by code, correct a handover, withdraw."""
from flask import abort, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.ressourcerie import permissions, services
from market.ressourcerie.forms import ActionForm, AllocateForm, CodeForm, CorrectionForm
from market.ressourcerie.models import Handover, Reservation
from market.ressourcerie.views import _batch, _batch_page, bp, correction_form_for


def _managed(batch_id):
    item = _batch(batch_id)
    if not permissions.can_manage(current_user, item):
        abort(403)
    return item


@bp.post("/reservations/<int:reservation_id>/attribuer")
@login_required
def allocate(reservation_id):
    reservation = db.session.get(Reservation, reservation_id)
    if reservation is None or permissions.role_of(current_user, reservation) is None:
        abort(404)
    form = AllocateForm()
    if not form.validate_on_submit():
        if "csrf_token" in form.errors or not form.quantity.errors:
            abort(400)
        typed = (form.quantity.raw_data or [""])[0]
        return _batch_page(reservation.batch, allocate_errors={reservation.id: (form.quantity.errors[0], typed)}), 400
    try:
        services.allocate(current_user, reservation, form.quantity.data)
    except services.NotAllowed:
        abort(403)
    except services.Refused as exc:
        db.session.rollback()
        return _batch_page(reservation.batch, allocate_errors={reservation.id: (str(exc), form.quantity.data)}), 400
    db.session.commit()
    flash(_("%(num)d article(s) attribués à %(name)s, qui est prévenu·e.", num=reservation.hold.quantity,
            name=reservation.receiver_name), "success")
    return redirect(reservation.batch.url)


@bp.post("/lots/<int:batch_id>/code")
@login_required
def by_code(batch_id):
    item = _managed(batch_id)
    form = CodeForm()
    if not form.validate_on_submit():
        return _batch_page(item, code_form=form), 400
    try:
        entry = services.hand_over_by_code(current_user, item, form.code.data)
    except services.Refused as exc:
        db.session.rollback()
        form.code.errors = [str(exc)]
        return _batch_page(item, code_form=form), 400
    db.session.commit()
    flash(_("Remise enregistrée : %(num)d article(s) pour %(name)s.", num=entry.quantity, name=entry.receiver_name),
          "success")
    return redirect(item.url)


@bp.post("/lots/<int:batch_id>/corriger")
@login_required
def correct(batch_id):
    item = _managed(batch_id)
    entries = db.session.scalars(db.select(Handover).where(Handover.batch_id == item.id)).all()
    form = correction_form_for(entries, CorrectionForm())
    if not form.validate_on_submit():
        return _batch_page(item, correction_form=form), 400
    entry = next(e for e in entries if str(e.id) == form.entry.data)
    try:
        services.correct(current_user, entry, form.quantity.data, form.note.data)
    except services.Refused as exc:
        db.session.rollback()
        form.note.errors = [str(exc)]
        return _batch_page(item, correction_form=form), 400
    db.session.commit()
    flash(_("Correction enregistrée : la remise d'origine reste dans l'historique."), "success")
    return redirect(item.url + "#handovers-title")


@bp.post("/lots/<int:batch_id>/retirer")
@login_required
def close(batch_id):
    item = _managed(batch_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.close(current_user, item)
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(item.url)
    db.session.commit()
    flash(_("Lot retiré du catalogue ; les personnes qui avaient réservé sont prévenues."), "success")
    return redirect(item.url)
