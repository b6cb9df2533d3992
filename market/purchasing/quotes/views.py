"""Pages of purchases on quotation: open a list, register an interest, publish the offer, answer it, export."""
from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.purchasing import permissions
from market.purchasing.forms import ActionForm, closing_time
from market.purchasing.quotes import exports, queries, services
from market.purchasing.quotes.forms import DETAIL_LABELS, AnswerForm, InterestListForm, OfferForm, interest_form
from market.purchasing.quotes.models import InterestList
from market.purchasing.services import NotAllowed, PurchaseRefused
from market.purchasing.views import _chosen, _org_choices, _organizer, _organizer_choices, _show_refusal, bp
from market.refusals import refused
from market.spreadsheet import csv_response


def _list(list_id) -> InterestList:
    item = db.session.get(InterestList, list_id)
    if item is None or not permissions.can_view(current_user, item):
        abort(404)
    return item


def _managed(list_id) -> InterestList:
    item = _list(list_id)
    if not permissions.can_manage(current_user, item):
        abort(403)
    return item


@bp.route("/devis/nouveau", methods=["GET", "POST"])
@login_required
def quote_new():
    if not permissions.can_open(current_user):
        abort(403)
    form = InterestListForm()
    form.organization.choices = _organizer_choices(current_user)
    if form.validate_on_submit():
        organization = _organizer(form, current_user)
        try:
            item = services.open_list(current_user, organization, form.values())
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Achat sur devis ouvert : les structures du réseau peuvent manifester leur intérêt."), "success")
            return redirect(item.url)
    return render_template("purchasing/quote_new.html", form=form)


def _forms(item, interest=None):
    form = interest or interest_form(item)
    form.organization.choices = _org_choices(current_user)
    answer = AnswerForm(prefix="answer")
    answer.organization.choices = form.organization.choices
    return form, answer


def _show(item, form=None, offer_form=None, status=200):
    form, answer_form = _forms(item, form)
    mine = [(o, services.interest_of(item, o)) for o in permissions.acting_organizations(current_user)]
    if request.method == "GET" and mine:
        organization, row = next(((o, r) for o, r in mine if r), mine[0])
        form.organization.data = answer_form.organization.data = organization.slug
        if row is not None:
            form.note.data = row.note
            for name in item.asked:
                getattr(form, name).data = getattr(row, name)
    manager = permissions.can_manage(current_user, item)
    return render_template("purchasing/quote.html", item=item, phase=services.phase(item), form=form,
                           answer_form=answer_form, offer_form=offer_form or OfferForm(prefix="offer"),
                           action_form=ActionForm(), mine=mine, manager=manager,
                           interests=queries.ordered_interests(item),
                           my_org_ids={o.id for o in current_user.organizations},
                           detail_labels={k: str(v) for k, v in DETAIL_LABELS.items()}), status


@bp.get("/devis/<int:list_id>")
@login_required
def quote(list_id):
    return _show(_list(list_id))


@bp.post("/devis/<int:list_id>/interet")
@login_required
def quote_register(list_id):
    item = _list(list_id)
    form, _answer = _forms(item)
    if not form.organization.choices:
        abort(403)
    withdraw = request.form.get("withdraw") == "1"
    if withdraw and form.organization.validate(form):  # (CSRFProtect checked the token)
        return _withdraw(item, _chosen(form, current_user), form)
    if not withdraw and form.validate_on_submit():
        organization = _chosen(form, current_user)
        try:
            services.register(current_user, item, organization, form.details(), form.note.data)
        except NotAllowed:
            abort(403)
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Intérêt enregistré pour %(org)s : vous serez prévenus quand l'offre sera publiée.",
                    org=organization.name), "success")
            return redirect(item.url)
    return _show(item, form, status=422)


def _withdraw(item, organization, form):
    row = services.interest_of(item, organization)
    if row is None:
        return redirect(item.url)
    try:
        services.withdraw(current_user, row)
    except NotAllowed:
        abort(403)
    except PurchaseRefused as exc:
        _show_refusal(form, exc)
        return _show(item, form, status=422)
    db.session.commit()
    flash(_("%(org)s n'est plus sur la liste.", org=organization.name), "success")
    return redirect(item.url)


@bp.post("/devis/<int:list_id>/offre")
@login_required
def quote_offer(list_id):
    item = _managed(list_id)
    form = OfferForm(prefix="offer")
    if form.validate_on_submit():
        try:
            services.publish_offer(current_user, item, form.supplier.data, form.text.data, form.terms.data,
                                   closing_time(form.valid_on.data))
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Offre publiée : les structures intéressées sont prévenues."), "success")
            return redirect(item.url)
    return _show(item, offer_form=form, status=422)


@bp.post("/devis/<int:list_id>/reponse")
@login_required
def quote_answer(list_id):
    item = _list(list_id)
    _form, form = _forms(item)
    if not form.organization.choices:
        abort(403)
    if not form.validate_on_submit() or request.form.get("answer") not in ("accepted", "declined"):
        abort(400)
    organization = _chosen(form, current_user)
    row = services.interest_of(item, organization)
    if row is None:
        flash(_("%(org)s n'a pas manifesté son intérêt pour cet achat.", org=organization.name), "error")
        return redirect(item.url)
    try:
        services.answer(current_user, row, request.form["answer"] == "accepted")
    except PurchaseRefused as exc:
        refused(exc)
        return redirect(item.url)
    db.session.commit()
    flash(_("Offre acceptée pour %(org)s.", org=organization.name) if row.answer == "accepted" else
          _("Offre déclinée pour %(org)s.", org=organization.name), "success")
    return redirect(item.url)


@bp.post("/devis/<int:list_id>/annuler")
@login_required
def quote_cancel(list_id):
    item = _managed(list_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.cancel(current_user, item)
    except PurchaseRefused as exc:
        refused(exc)
        return redirect(item.url)
    db.session.commit()
    flash(_("Demande annulée : les structures intéressées sont prévenues."), "success")
    return redirect(item.url)


@bp.get("/devis/<int:list_id>/interesses.csv")
@login_required
def quote_csv(list_id):
    item = _managed(list_id)
    header, rows = exports.interested(item)
    return csv_response(f"interesses-devis-{item.id}.csv", header, rows)
