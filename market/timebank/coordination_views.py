"""Coordination pages of the time bank: every account, limits, contested exchanges, reversing corrections."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.ledger.models import LedgerAccount, LedgerEntry
from market.ledger.queries import history
from market.timebank import permissions, queries, services
from market.timebank.forms import LimitsForm, ReasonForm
from market.timebank.views import _get, bp


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
                           contested=queries.contested())


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
