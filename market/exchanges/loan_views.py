"""Pages of equipment loans: availability and request, one loan's decisions, pickup and return."""
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges import loans, permissions, rules
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.blueprint import acting_organization, bp, exchange_or_404, visible_listing
from market.refusals import refused, show_refusal
from market.exchanges.forms import LoanAcceptForm, LoanRequestForm, PickupForm, ReasonForm, ReturnForm, acting_choices
from market.exchanges.models import Loan
from market.extensions import db

DAYS_SHOWN = 28


@bp.route("/prets/materiel/<int:listing_id>", methods=["GET", "POST"])
@login_required
def item(listing_id):
    listing = visible_listing(listing_id)
    if listing.category != "equipment" or listing.kind != "offer":
        abort(404)
    form = LoanRequestForm()
    form.organization.choices = acting_choices(current_user)
    if request.method == "GET":
        form.organization.data = form.organization.choices[0][0]
    if request.method == "POST":
        if not permissions.can_borrow(current_user, listing):
            abort(403)
        if form.validate_on_submit():
            try:
                loan = loans.request_loan(current_user, listing, acting_organization(form, current_user),
                                          form.quantity.data, form.starts_on.data, form.due_on.data, form.message.data)
            except ExchangeRefused as exc:
                db.session.rollback()
                show_refusal(form, exc)
            else:
                db.session.commit()
                flash(_("Votre demande de prêt est envoyée à %(name)s.", name=loan.owner_name), "success")
                return redirect(loan.url)
    start = loans.today()
    end = start + timedelta(days=DAYS_SHOWN - 1)
    days = rules.availability(listing.quantity, loans.holding(listing, start, end), start, DAYS_SHOWN)
    owner = permissions.can_manage_item(current_user, listing)
    return render_template("exchanges/item.html", listing=listing, form=form, days=days, owner=owner,
                           can_borrow=permissions.can_borrow(current_user, listing),
                           item_loans=loans.loans_for_item(listing) if owner else [])


@bp.get("/prets/<int:loan_id>")
@login_required
def loan(loan_id):
    item_loan = exchange_or_404(Loan, loan_id)
    accept_form = LoanAcceptForm()
    accept_form.deposit.process_data(item_loan.deposit_cents)
    return render_template("exchanges/loan.html", loan=item_loan, decline_form=ReasonForm(prefix="decline"),
                           cancel_form=ReasonForm(prefix="cancel"), accept_form=accept_form,
                           pickup_form=PickupForm(), return_form=ReturnForm(), checklist=loans.CHECKLIST,
                           side=permissions.side_of(current_user, item_loan.conversation),
                           can=lambda action: permissions.can_do(current_user, "loan", item_loan, action))


def _act(loan_id, action):
    item_loan = exchange_or_404(Loan, loan_id)
    try:
        message = _apply(item_loan, action)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(url_for("exchanges.loan", loan_id=loan_id))
    if message is None:
        return redirect(item_loan.url)
    db.session.commit()
    flash(message, "success")
    return redirect(item_loan.url)


def _apply(item_loan, action):
    if action == "accept":
        form = LoanAcceptForm()
        form.validate_on_submit()
        if form.deposit.errors:
            raise ExchangeRefused(*form.deposit.errors)
        loans.accept_loan(current_user, item_loan, form.deposit.cents or 0)  # empty: no deposit
        return _("Prêt accepté : les quantités sont réservées pour ces dates.")
    if action in ("decline", "cancel"):
        form = ReasonForm(prefix=action)
        if not form.validate_on_submit():
            flash(_("Indiquez la raison : elle sera transmise à l'autre partie."), "error")
            return None
        if action == "decline":
            loans.decline_loan(current_user, item_loan, form.reason.data)
            return _("Demande refusée.")
        loans.cancel_loan(current_user, item_loan, form.reason.data)
        return _("Prêt annulé.")
    if action == "pick_up":
        form = PickupForm()
        form.validate_on_submit()
        loans.pick_up(current_user, item_loan, form.checklist.data, form.note.data)
        return _("Retrait enregistré.")
    form = ReturnForm()
    form.validate_on_submit()
    loans.return_loan(current_user, item_loan, form.checklist.data, form.note.data, form.deposit.data == "kept")
    return _("Retour enregistré.")


@bp.post("/prets/<int:loan_id>/accepter")
@login_required
def loan_accept(loan_id):
    return _act(loan_id, "accept")


@bp.post("/prets/<int:loan_id>/refuser")
@login_required
def loan_decline(loan_id):
    return _act(loan_id, "decline")


@bp.post("/prets/<int:loan_id>/annuler")
@login_required
def loan_cancel(loan_id):
    return _act(loan_id, "cancel")


@bp.post("/prets/<int:loan_id>/retrait")
@login_required
def loan_pick_up(loan_id):
    return _act(loan_id, "pick_up")


@bp.post("/prets/<int:loan_id>/retour")
@login_required
def loan_return(loan_id):
    return _act(loan_id, "return")
