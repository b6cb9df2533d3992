"""Coordination pages of the time bank: every account, limits, settings, contested hours, reversing corrections."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.refusals import show_refusal
from market.extensions import db
from market.ledger.models import LedgerAccount, LedgerEntry
from market.ledger.queries import history
from market.timebank import agreement_credits, permissions, queries, services, settings, workshops
from market.timebank.forms import LimitsForm, ReasonForm, SettingsForm
from market.timebank.models import AgreementCredit
from market.timebank.views import _get, bp
from market.timebank.workshop_forms import ActionForm
from market.timebank.workshop_models import WorkshopSeat


def _coordinator():
    if not permissions.can_correct(current_user):
        abort(403)


def _hours(minutes):
    return "" if minutes is None else f"{minutes / 60:g}".replace(".", ",")


@bp.get("/coordination")
@login_required
def coordination():
    _coordinator()
    return render_template("timebank/coordination.html", accounts=queries.all_accounts(),
                           contested=queries.contested(), contested_seats=queries.contested_seats(),
                           contested_agreements=agreement_credits.contested(), action_form=ActionForm())


@bp.route("/coordination/reglages", methods=["GET", "POST"])
@login_required
def coordination_settings():
    _coordinator()
    current = settings.current()
    form = SettingsForm(data={**{name: _hours(getattr(current, name)) for name in
                                 ("hard_floor", "soft_floor", "soft_ceiling", "hard_ceiling")},
                              "welcome": _hours(current.welcome_minutes or None),
                              "workshop_rule": current.workshop_rule})
    if form.validate_on_submit():
        try:
            settings.save(current_user, form.welcome.minutes or 0, form.hard_floor.minutes, form.soft_floor.minutes,
                          form.soft_ceiling.minutes, form.hard_ceiling.minutes, form.workshop_rule.data)
        except services.NotAllowed:
            abort(403)
        except settings.FieldsRefused as exc:
            db.session.rollback()
            show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Réglages enregistrés : ils valent pour les comptes ouverts à partir de maintenant."), "success")
            return redirect(url_for("timebank.coordination_settings"))
    return render_template("timebank/coordination_settings.html", form=form)


@bp.post("/coordination/heures/<kind>/<int:item_id>/<decision>")
@login_required
def decide(kind, item_id, decision):
    """Contested hours of a workshop seat or an agreement: counted anyway, or dropped."""
    _coordinator()
    if decision not in ("compter", "abandonner") or kind not in ("atelier", "accord"):
        abort(404)
    item = _get(WorkshopSeat if kind == "atelier" else AgreementCredit, item_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    module = workshops if kind == "atelier" else agreement_credits
    try:
        module.decide(current_user, item, decision == "compter")
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("timebank.coordination"))
    db.session.commit()
    flash(_("Heures comptées.") if decision == "compter" else _("Heures abandonnées."), "success")
    return redirect(url_for("timebank.coordination"))


@bp.route("/coordination/comptes/<int:account_id>", methods=["GET", "POST"])
@login_required
def coordination_account(account_id):
    _coordinator()
    item = _get(LedgerAccount, account_id)
    form = LimitsForm(data={name: _hours(getattr(item, name)) for name in
                            ("hard_floor", "soft_floor", "soft_ceiling", "hard_ceiling")})
    if form.validate_on_submit():
        try:
            services.set_limits(current_user, item, form.hard_floor.minutes, form.hard_ceiling.minutes,
                                form.soft_floor.minutes, form.soft_ceiling.minutes)
        except services.Refused as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Limites enregistrées."), "success")
            return redirect(url_for("timebank.coordination_account", account_id=account_id))
    return render_template("timebank/coordination_account.html", account=item, form=form, lines=history(item.id),
                           reason_form=ReasonForm())


@bp.post("/coordination/ecritures/<int:entry_id>/corriger")
@login_required
def correct(entry_id):
    _coordinator()
    entry = _get(LedgerEntry, entry_id)
    form = ReasonForm()
    back = url_for("timebank.coordination_account", account_id=entry.lines[0].account_id)
    if not form.validate_on_submit():
        flash(_("Indiquez la raison de la correction."), "error")
        return redirect(back)
    try:
        services.correct(current_user, entry, form.reason.data)
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Écriture corrigée par une écriture inverse."), "success")
    return redirect(back)
