"""Pages of agreements (skills, volunteering): propose from a conversation, confirm, mark done, thank."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges import agreements, permissions
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.blueprint import bp, exchange_or_404
from market.refusals import refused
from market.exchanges.forms import AgreementForm, DoneForm, ReasonForm, ThanksForm
from market.exchanges.models import Agreement, Conversation
from market.extensions import db


@bp.route("/accords/nouveau/<int:conversation_id>", methods=["GET", "POST"])
@login_required
def agreement_new(conversation_id):
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or not permissions.can_read(current_user, conversation):
        abort(404)
    if not permissions.can_propose_agreement(current_user, conversation):
        abort(403)
    form = AgreementForm()
    if form.validate_on_submit():
        try:
            agreement = agreements.propose(current_user, conversation, form.title.data, form.scheduled_on.data,
                                           form.minutes, form.time_note.data)
        except ExchangeRefused as exc:
            db.session.rollback()
            form.form_errors.extend(exc.reasons)
        else:
            db.session.commit()
            flash(_("Accord proposé : %(name)s doit le confirmer.",
                    name=conversation.side_name("requester" if agreement.proposed_by_side == "owner" else "owner")),
                  "success")
            return redirect(agreement.url)
    return render_template("exchanges/agreement_form.html", form=form, conversation=conversation)


@bp.get("/accords/<int:agreement_id>")
@login_required
def agreement(agreement_id):
    item = exchange_or_404(Agreement, agreement_id)
    side = permissions.side_of(current_user, item.conversation)
    return render_template("exchanges/agreement.html", agreement=item, side=side, cancel_form=ReasonForm(prefix="cancel"),
                           done_form=DoneForm(), thanks_form=ThanksForm(),
                           can=lambda action: permissions.can_do(current_user, "agreement", item, action))


def _act(agreement_id, action):
    item = exchange_or_404(Agreement, agreement_id)
    forms = {"cancel": lambda: ReasonForm(prefix="cancel"), "done": DoneForm, "thanks": ThanksForm}
    form = forms[action]() if action in forms else None
    if form is not None and not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(item.url)
    try:
        if action == "confirm":
            agreements.confirm(current_user, item)
            message = _("Accord confirmé par les deux parties.")
        elif action == "done":
            agreements.mark_done(current_user, item, form.note.data)
            message = (_("Merci ! L'accord est réalisé et les heures sont comptées.") if item.status == "done"
                       else _("C'est noté : l'autre partie doit aussi indiquer que l'accord est réalisé."))
        elif action == "thanks":
            agreements.thank(current_user, item, form.note.data)
            message = _("Votre mot de remerciement est publié sur la fiche de l'autre structure.")
        else:
            agreements.cancel(current_user, item, form.reason.data)
            message = _("Accord annulé.")
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(url_for("exchanges.agreement", agreement_id=agreement_id))
    db.session.commit()
    flash(message, "success")
    return redirect(item.url)


@bp.post("/accords/<int:agreement_id>/confirmer")
@login_required
def agreement_confirm(agreement_id):
    return _act(agreement_id, "confirm")


@bp.post("/accords/<int:agreement_id>/realise")
@login_required
def agreement_done(agreement_id):
    return _act(agreement_id, "done")


@bp.post("/accords/<int:agreement_id>/merci")
@login_required
def agreement_thanks(agreement_id):
    return _act(agreement_id, "thanks")


@bp.post("/accords/<int:agreement_id>/annuler")
@login_required
def agreement_cancel(agreement_id):
    return _act(agreement_id, "cancel")
