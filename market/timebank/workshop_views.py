"""Pages of workshops: propose one, the workshop with its seats and waiting list, book, cancel, confirm a freed
seat, who came, the hours to confirm."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.refusals import show_refusal
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus
from market.timebank import credits, notices, permissions, rules, settings, skills, workshops
from market.timebank.views import _get, _holder, bp
from market.timebank.workshop_forms import ActionForm, BookForm, CancelWorkshopForm, WorkshopForm
from market.timebank.workshop_models import Workshop, WorkshopSeat
from market.types import utcnow


def _refused(exc, back):
    db.session.rollback()
    flash(str(exc), "error")
    return redirect(back)


@bp.route("/ateliers/nouveau", methods=["GET", "POST"])
@login_required
def workshop_new():
    form = WorkshopForm().set_holders(current_user)
    if form.validate_on_submit():
        try:
            item = workshops.create_workshop(current_user, _holder(form), form.values())
        except workshops.NotAllowed:
            db.session.rollback()
            abort(403)
        except workshops.FieldsRefused as exc:
            db.session.rollback()
            show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Votre atelier est publié : les membres peuvent s'y inscrire."), "success")
            return redirect(item.url)
    return render_template("timebank/workshop_form.html", form=form, rule=rules.WORKSHOP_RULES[
        settings.current().workshop_rule])


@bp.get("/ateliers/<int:workshop_id>")
@login_required
def workshop(workshop_id):
    item = _get(Workshop, workshop_id)
    manager = permissions.can_manage_workshop(current_user, item)
    seat = workshops.seat_of(current_user, item)
    mine = [s for s in item.seats if s.user_id == current_user.id or permissions.can_act_for(current_user, s.account)]
    now = utcnow()
    return render_template("timebank/workshop.html", workshop=item, manager=manager, seat=seat, mine=mine,
                           book_form=BookForm().set_holders(current_user), action_form=ActionForm(),
                           cancel_form=CancelWorkshopForm(), now=now, free=places.free,
                           position=places.position, HoldStatus=HoldStatus, skill_label=skills.labels().get,
                           can_cancel=lambda s: rules.can_cancel_seat(s.hold.status, item.starts_at, now,
                                                                      item.notice_hours))


@bp.post("/ateliers/<int:workshop_id>/inscription")
@login_required
def workshop_book(workshop_id):
    item = _get(Workshop, workshop_id)
    form = BookForm().set_holders(current_user)
    if not form.validate_on_submit():
        flash(_("Choisissez au nom de qui vous vous inscrivez."), "error")
        return redirect(item.url)
    try:
        seat = workshops.book(current_user, item, _holder(form))
    except workshops.NotAllowed:
        db.session.rollback()
        abort(403)
    except workshops.Refused as exc:
        return _refused(exc, item.url)
    db.session.commit()
    if seat.hold.status == HoldStatus.WAITING:
        flash(_("L'atelier est complet : vous êtes n° %(num)d sur la liste d'attente. Vous serez prévenu·e dès "
                "qu'une place se libère.", num=places.position(seat.hold) or 1), "info")
    else:
        flash(_("C'est réservé : une place est à vous. Vous recevrez un rappel la veille."), "success")
    return redirect(item.url)


def _seat(seat_id) -> WorkshopSeat:
    seat = _get(WorkshopSeat, seat_id)
    if not permissions.can_see_seat(current_user, seat):
        abort(404)
    return seat


@bp.post("/ateliers/places/<int:seat_id>/<action>")
@login_required
def seat_act(seat_id, action):
    seat = _seat(seat_id)
    back = seat.workshop.url
    if action not in ("annuler", "confirmer", "heures", "contester"):
        abort(404)
    form = CancelWorkshopForm() if action == "contester" else ActionForm()
    if not form.validate_on_submit():
        flash(_("Dites ce qui ne va pas : l'équipe de coordination le lira.") if action == "contester"
              else _("Le formulaire a expiré : réessayez."), "error")
        return redirect(back)
    warnings = []
    try:
        if action == "annuler":
            workshops.cancel_seat(current_user, seat)
            message = _("Votre place est libérée : elle est proposée à la personne suivante.")
        elif action == "confirmer":
            workshops.confirm_seat(current_user, seat)
            message = _("Place confirmée : à bientôt à l'atelier.")
        elif action == "heures":
            workshops.confirm_hours(current_user, seat)
            warnings = credits.warnings_after(seat.entry)
            message = _("Merci ! Les heures sont comptées.")
        else:
            workshops.contest_hours(current_user, seat, form.reason.data)
            message = _("Contestation transmise à l'équipe de coordination.")
    except workshops.NotAllowed:
        db.session.rollback()
        abort(403)
    except workshops.Refused as exc:
        return _refused(exc, back)
    db.session.commit()
    flash(message, "success")
    for warning in warnings:
        flash(warning, "warning")
    return redirect(back)


@bp.post("/ateliers/<int:workshop_id>/presences")
@login_required
def workshop_attendance(workshop_id):
    item = _get(Workshop, workshop_id)
    if not permissions.can_manage_workshop(current_user, item):
        abort(403)
    came = [int(v) for v in request.form.getlist("came") if v.isdigit()]
    if not ActionForm().validate_on_submit():
        return _refused(_("Le formulaire a expiré : réessayez."), item.url)
    try:
        seats = workshops.record_attendance(current_user, item, came)
        notices.tell_hours_to_confirm(seats)
    except workshops.Refused as exc:
        return _refused(exc, item.url)
    db.session.commit()
    total = sum(s.minutes or 0 for s in seats)
    flash(_("Présences enregistrées : %(num)d participant·e(s), %(hours)s à compter pour vous (chacun·e confirme, "
            "ou c'est compté sous 72 heures).", num=len(seats), hours=rules.format_minutes(total)), "success")
    return redirect(item.url)


@bp.post("/ateliers/<int:workshop_id>/annuler")
@login_required
def workshop_cancel(workshop_id):
    item = _get(Workshop, workshop_id)
    form = CancelWorkshopForm()
    if not form.validate_on_submit():
        flash(_("Dites pourquoi l'atelier est annulé : les inscrit·es le liront."), "error")
        return redirect(item.url)
    try:
        seats = workshops.cancel_workshop(current_user, item, form.reason.data)
        told = notices.tell_workshop_cancelled(item, seats)
    except workshops.NotAllowed:
        db.session.rollback()
        abort(403)
    except (workshops.Refused, workshops.FieldsRefused) as exc:
        return _refused(exc, item.url)
    db.session.commit()
    flash(_("Atelier annulé : %(num)d personne(s) prévenue(s).", num=told), "success")
    return redirect(url_for("timebank.index"))
