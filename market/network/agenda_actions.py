"""Agenda actions: register, leave, accept an offered place, moderate, cancel, add the minutes."""
from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.network import permissions, queries_agenda, rules, services
from market.network.blueprint import bp, visible_meeting
from market.network.forms import MinutesForm, ModerationForm
from market.places import services as places
from market.places.models import HoldStatus


@bp.post("/agenda/<int:meeting_id>/inscription")
@login_required
def register(meeting_id):
    meeting = visible_meeting(meeting_id)
    try:
        hold = services.register(current_user, meeting)
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except services.MeetingOver:
        db.session.rollback()
        flash(_("Cette rencontre a déjà commencé : les inscriptions sont closes."), "error")
        return redirect(meeting.url)
    db.session.commit()
    if hold.status == HoldStatus.WAITING:
        flash(_("C'est complet : vous êtes sur la liste d'attente (position %(num)d). Si une place se libère, "
                "elle vous sera proposée.", num=places.position(hold)), "info")
    else:
        flash(_("Vous êtes inscrit·e."), "success")
    return redirect(meeting.url)


@bp.post("/agenda/<int:meeting_id>/desinscription")
@login_required
def unregister(meeting_id):
    meeting = visible_meeting(meeting_id)
    hold = services.unregister(current_user, meeting)
    db.session.commit()
    flash(_("Votre inscription est annulée.") if hold else _("Vous n'étiez pas inscrit·e."), "success")
    return redirect(meeting.url)


@bp.post("/agenda/<int:meeting_id>/accepter")
@login_required
def accept_place(meeting_id):
    meeting = visible_meeting(meeting_id)
    try:
        services.confirm_offer(current_user, meeting)
    except places.HoldNotActive:
        db.session.rollback()
        flash(_("Cette place n'est plus disponible : le délai pour l'accepter est passé."), "error")
        return redirect(meeting.url)
    db.session.commit()
    flash(_("Vous êtes inscrit·e."), "success")
    return redirect(meeting.url)


@bp.post("/agenda/<int:meeting_id>/moderation/<action>")
@login_required
def moderate(meeting_id, action):
    meeting = visible_meeting(meeting_id)
    if not permissions.can_moderate(current_user) or action not in ("approve", "reject"):
        abort(403)
    form = ModerationForm()
    if not form.validate_on_submit():
        flash(_("La note est trop longue (2 000 caractères au plus)."), "error")
        return redirect(meeting.url)
    try:
        services.moderate(current_user, meeting, action, form.note.data)
    except rules.BadTransition:
        db.session.rollback()
        flash(_("Cette date a déjà été traitée."), "info")
        return redirect(meeting.url)
    db.session.commit()
    flash(_("La date est publiée.") if action == "approve" else _("La date est refusée."), "success")
    return redirect(meeting.url)


@bp.post("/agenda/<int:meeting_id>/annuler")
@login_required
def cancel(meeting_id):
    meeting = visible_meeting(meeting_id)
    form = ModerationForm()
    try:
        form.validate_on_submit()
        services.cancel(current_user, meeting, (form.note.data or "")[:2000])
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except rules.BadTransition:
        db.session.rollback()
        flash(_("Cette date ne peut plus être annulée."), "info")
        return redirect(meeting.url)
    db.session.commit()
    flash(_("La date est annulée ; elle reste visible, marquée « annulée »."), "success")
    return redirect(meeting.url)


@bp.post("/agenda/<int:meeting_id>/compte-rendu")
@login_required
def minutes(meeting_id):
    meeting = visible_meeting(meeting_id)
    if not permissions.can_edit(current_user, meeting):
        abort(403)
    form = MinutesForm()
    if form.validate_on_submit():
        try:
            services.add_minutes(current_user, meeting, form.minutes.data.strip())
        except services.NotAllowed:
            db.session.rollback()
            abort(403)
        except services.MeetingOver:
            db.session.rollback()
            flash(_("Le compte rendu s'ajoute une fois la rencontre commencée."), "error")
            return redirect(meeting.url)
        db.session.commit()
        flash(_("Le compte rendu est publié."), "success")
        return redirect(meeting.url)
    return render_template("network/meeting.html", meeting=meeting, hold=None, position=None,
                           free=places.free(meeting.pool) if meeting.pool else None, can_edit=True,
                           can_moderate=permissions.can_moderate(current_user),
                           registered=queries_agenda.registered(meeting), past=True,
                           minutes_form=form, moderation_form=ModerationForm())
