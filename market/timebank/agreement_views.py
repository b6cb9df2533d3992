"""The time bank's word on an agreement's page (market/exchanges): its hours, and contesting them within 72 hours."""
from flask import abort, flash, redirect
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges.models import Agreement
from market.exchanges.permissions import side_of
from market.extensions import db
from market.timebank import agreement_credits
from market.timebank.forms import ReasonForm
from market.timebank.views import _get, bp


@bp.post("/accords/<int:agreement_id>/contester")
@login_required
def contest_agreement(agreement_id):
    agreement = _get(Agreement, agreement_id)
    item = agreement_credits.credit_of(agreement)
    if item is None or side_of(current_user, agreement.conversation) is None:
        abort(404)
    form = ReasonForm(prefix="tb")
    if not form.validate_on_submit():
        flash(_("Dites ce qui ne va pas : l'équipe de coordination le lira."), "error")
        return redirect(agreement.url)
    try:
        agreement_credits.contest(current_user, item, form.reason.data)
    except agreement_credits.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(agreement.url)
    db.session.commit()
    flash(_("Contestation transmise à l'équipe de coordination : les heures ne sont pas comptées d'ici sa décision."),
          "success")
    return redirect(agreement.url)
