"""Coordination pages of the membership: the year's roster, the fee schedule, payments and their CSV, reminders,
and which actions need membership."""
from collections import Counter

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from market.extensions import db
from market.gates import actions
from market.i18n import format_money
from market.membership import notices, queries, rules, services
from market.membership.forms import CancelForm, FeeScheduleForm, PaymentForm, RequirementsForm
from market.membership.models import Payment
from market.membership.views import bp, organization_or_404, today
from market.moderation.blueprint import coordinator_required
from market.spreadsheet import csv_response, euros


def _year(year: int) -> int:
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        abort(404)
    return year


@bp.get("/coordination/adhesions")
@coordinator_required
def coordination():
    day = today()
    year = request.args.get("annee", type=int) or rules.renewal_year(day)
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        year = rules.renewal_year(day)
    views = queries.roster(year, day)
    counts = Counter(v.status for v in views)
    wanted = request.args.get("statut")
    shown = [v for v in views if v.status == wanted] if wanted in rules.STATUSES else views
    return render_template("membership/coordination.html", year=year, views=shown, counts=counts,
                           wanted=wanted if wanted in rules.STATUSES else None, has_schedule=bool(queries.rates(year)),
                           season=rules.in_reminder_season(year, day),
                           due_reminders=len(queries.due_for_reminder(year))
                           if rules.renewal_year(day) == year and queries.rates(year) else 0)


@bp.route("/coordination/adhesions/<int:year>/bareme", methods=["GET", "POST"])
@coordinator_required
def fees(year):
    year = _year(year)
    form = FeeScheduleForm()
    current = queries.rates(year)
    copied_from = None
    if request.method == "GET":
        if not current and queries.rates(year - 1):
            copied_from = year - 1
        form.fill(current or queries.rates(year - 1))
    if form.validate_on_submit():
        try:
            count = services.set_fees(current_user, year, form.amounts())
        except services.Refused as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Barème %(year)d enregistré : %(num)d montants.", year=year, num=count), "success")
            return redirect(url_for("membership.coordination", annee=year))
    return render_template("membership/fees.html", form=form, year=year, copied_from=copied_from,
                           sizes=rules.SIZES), 422 if form.errors else 200


def _payment_page(organization, year, form, status=200):
    return render_template("membership/payment.html", organization=organization, year=year, form=form,
                           view=queries.year_view(organization, year, today()), cancel_form=CancelForm(),
                           payments=queries.payment_lines(Payment.organization_id == organization.id,
                                                          Payment.year == year)), status


@bp.route("/coordination/adhesions/<int:year>/structures/<slug>", methods=["GET", "POST"])
@coordinator_required
def payment(year, slug):
    year, organization = _year(year), organization_or_404(slug)
    form = PaymentForm()
    if request.method == "GET":
        view = queries.year_view(organization, year, today())
        form.size.data = view.size or ""
        form.paid_on.data = today()
        if view.owed:
            form.amount.process_data(view.owed)
    if form.validate_on_submit():
        try:
            services.record_payment(current_user, organization, year, form.amount.cents, form.method.data,
                                    form.paid_on.data, form.reference.data or "", form.size.data)
        except services.Refused as exc:
            db.session.rollback()
            (getattr(form, exc.field).errors if exc.field else form.form_errors).append(str(exc))
        else:
            db.session.commit()
            view = queries.year_view(organization, year, today())
            flash(_("Paiement de %(amount)s enregistré pour %(name)s : adhésion %(year)d %(status)s.",
                    amount=format_money(form.amount.cents), name=organization.name, year=year,
                    status=str(rules.STATUSES[view.status]).lower()), "success")
            return redirect(url_for("membership.coordination", annee=year))
    return _payment_page(organization, year, form, status=422 if form.errors else 200)


@bp.post("/coordination/adhesions/paiements/<int:payment_id>/annuler")
@coordinator_required
def cancel_payment(payment_id):
    item = db.session.get(Payment, payment_id)
    if item is None:
        abort(404)
    form = CancelForm()
    back = url_for("membership.payment", year=item.year, slug=item.organization.slug)
    if not form.validate_on_submit():
        flash(_("Indiquez la raison de l'annulation."), "error")
        return redirect(back)
    try:
        services.cancel_payment(current_user, item, form.reason.data)
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("Paiement annulé par une écriture inverse, avec votre nom et la raison."), "success")
    return redirect(back)


@bp.get("/coordination/adhesions/<int:year>/paiements.csv")
@coordinator_required
def payments_csv(year):
    year = _year(year)
    header = [_("Structure"), _("Année"), _("Reçu le"), _("Mode"), _("Référence"), _("Montant (€)"), _("Annulé"),
              _("Raison de l'annulation"), _("Enregistré par")]
    rows = [(line.payment.organization.name, year, line.payment.paid_on.isoformat(),
             rules.METHODS[line.payment.method], line.payment.reference, euros(line.amount),
             _("oui") if line.cancelled else _("non"), line.cancelled_reason or "",
             line.payment.recorded_by.display_name if line.payment.recorded_by else "")
            for line in reversed(queries.payment_lines(Payment.year == year))]
    return csv_response(f"cotisations-{year}.csv", header, rows)


@bp.post("/coordination/adhesions/rappels")
@coordinator_required
def send_reminders():
    sent = notices.send_reminders()
    db.session.commit()
    flash(_("Rappels de renouvellement envoyés : %(num)d.", num=sent) if sent else
          _("Aucun rappel à envoyer : chaque structure concernée l'a déjà reçu, ou la saison des rappels n'est pas "
            "ouverte, ou le barème de l'année manque."), "success" if sent else "info")
    return redirect(url_for("membership.coordination"))


@bp.route("/coordination/adhesions/regles", methods=["GET", "POST"])
@coordinator_required
def requirements():
    known = actions()
    form = RequirementsForm()
    form.actions.choices = [(a.key, str(a.label)) for a in known]
    if request.method == "GET":
        form.actions.data = sorted(queries.required_actions())
    if form.validate_on_submit():
        services.set_requirements(current_user, set(form.actions.data or ()), [a.key for a in known])
        db.session.commit()
        flash(_("Règles d'adhésion enregistrées."), "success")
        return redirect(url_for("membership.requirements"))
    return render_template("membership/requirements.html", form=form, year=rules.renewal_year(today())), \
        422 if form.errors else 200


@bp.app_template_global()
def membership_status(code: str) -> str:
    return str(rules.STATUSES.get(code, code))


@bp.app_template_global()
def membership_size(code) -> str:
    return str(rules.SIZES.get(code, "")) if code else ""


@bp.app_template_global()
def membership_method(code) -> str:
    return str(rules.METHODS.get(code, code))

