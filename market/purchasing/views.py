"""Pages of group purchases: the list, open one, a group's live figures and commitments, closing, exports."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.extensions import db
from market.purchasing import closing, exports, permissions, queries, rules, services
from market.purchasing.forms import ActionForm, AdjustmentForm, CommitForm, ExtendForm, GroupForm, closing_time
from market.purchasing.labels import unit_for
from market.purchasing.models import PurchaseGroup
from market.purchasing.quotes import queries as quote_queries, services as quote_services
from market.purchasing.services import NotAllowed, PurchaseRefused
from market.refusals import refused, show_refusal
from market.types import utcnow

bp = Blueprint("purchasing", __name__, url_prefix="/achats-groupes")
NETWORK = "__reseau__"


def _group(group_id) -> PurchaseGroup:
    group = db.session.get(PurchaseGroup, group_id)
    if group is None or not permissions.can_view(current_user, group):
        abort(404)
    if group.status == "open" and group.closes_at <= utcnow():  # the deadline passed before cron ran
        closing.close_group(group)
        db.session.commit()
    return group


def _managed(group_id) -> PurchaseGroup:
    group = _group(group_id)
    if not permissions.can_manage(current_user, group):
        abort(403)
    return group


def _org_choices(user) -> list[tuple[str, str]]:
    return [(o.slug, o.name) for o in permissions.acting_organizations(user)]


def _chosen(form, user):
    return next((o for o in permissions.acting_organizations(user) if o.slug == form.organization.data), None)


def _organizer_choices(user) -> list[tuple[str, str]]:
    """Who may open a purchase: the person's organisations, and the network itself for a coordinator."""
    return _org_choices(user) + ([(NETWORK, _("La coordination du réseau"))] if user.is_coordinator else [])


def _organizer(form, user):
    """The organisation chosen in an opening form, None for the network."""
    return None if form.organization.data == NETWORK else _chosen(form, user)


def _show_refusal(form, exc) -> None:
    db.session.rollback()
    show_refusal(form, exc)


@bp.get("/")
@login_required
def index():
    quotes, past_quotes = quote_queries.lists()
    return render_template("purchasing/index.html", groups=queries.groups("open"), closed=queries.groups("closed"),
                           quotes=quotes, past_quotes=past_quotes, quote_phase_of=quote_services.phase,
                           can_open=permissions.can_open(current_user), figures=queries.figures)


@bp.route("/nouveau", methods=["GET", "POST"])
@login_required
def new():
    if not permissions.can_open(current_user):
        abort(403)
    form = GroupForm()
    form.organization.choices = _organizer_choices(current_user)
    if form.validate_on_submit():
        organization = _organizer(form, current_user)
        try:
            group = services.open_group(current_user, organization, form.values(), form.tiers())
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Achat groupé ouvert : les structures du réseau peuvent s'engager."), "success")
            return redirect(group.url)
    return render_template("purchasing/new.html", form=form)


def _adjust_form(group, form=None) -> AdjustmentForm:
    form = form or AdjustmentForm(prefix="adjust")
    form.organization.choices = [(c.organization.slug, c.organization.name) for c in group.commitments]
    return form


def _show(group, form=None, status=200, adjust_form=None):
    if form is None:
        form = CommitForm()
        form.organization.choices = _org_choices(current_user)
    mine = [(o, queries.commitment_of(group, o)) for o in permissions.acting_organizations(current_user)]
    if request.method == "GET" and mine:
        first = next(((o, c) for o, c in mine if c), mine[0])
        form.organization.data = first[0].slug
        form.quantity.data = first[1].quantity if first[1] else None
    manager = permissions.can_manage(current_user, group)
    lines = queries.lines(group)
    my_org_ids = {o.id for o in current_user.organizations}
    figures = queries.figures(group)
    estimates = {line["organization"].id: {**rules.estimate(group.tiers, figures["total"], line["quantity"]),
                                           "amount_cents": line["total_cents"] + line["adjustments_cents"],
                                           "fixed_cents": line["fixed_share_cents"],
                                           "adjustments_cents": line["adjustments_cents"]} for line in lines}
    all_adjustments = queries.adjustments(group) if group.status == "confirmed" else []
    return render_template("purchasing/show.html", group=group, figures=figures, form=form, mine=mine,
                           lines=lines, manager=manager, my_org_ids=my_org_ids, estimates=estimates,
                           tiers=rules.sorted_tiers(group.tiers), action_form=ActionForm(),
                           extend_form=ExtendForm(), adjust_form=_adjust_form(group, adjust_form), adjustments=all_adjustments if manager else [],
                           my_adjustments=[a for a in all_adjustments if a.organization_id in my_org_ids],
                           room=services.room_for(group, mine[0][0]) if mine else None), status


@bp.get("/<int:group_id>")
@login_required
def show(group_id):
    return _show(_group(group_id))


@bp.post("/<int:group_id>/engagement")
@login_required
def commit(group_id):
    group = _group(group_id)
    form = CommitForm()
    form.organization.choices = _org_choices(current_user)
    if not form.organization.choices:
        abort(403)
    if form.validate_on_submit():
        organization = _chosen(form, current_user)
        withdraw = request.form.get("withdraw") == "1"
        try:
            row = services.commit(current_user, group, organization, 0 if withdraw else form.quantity.data)
        except NotAllowed:
            abort(403)
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Engagement enregistré : %(qty)d %(unit)s pour %(org)s.", qty=row.quantity,
                    unit=unit_for(row.quantity, group.unit),
                    org=organization.name) if row else
                  _("Engagement retiré pour %(org)s.", org=organization.name), "success")
            return redirect(group.url)
    return _show(group, form, 422)


def _act(group_id, action):
    group = _managed(group_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        message = action(group)
    except PurchaseRefused as exc:
        refused(exc)
        return redirect(group.url)
    db.session.commit()
    flash(message, "success")
    return redirect(group.url)


OUTCOMES = {"confirmed": lambda: _("Achat confirmé : les montants de chacun sont figés."),
            "short": lambda: _("Minimum non atteint."), "cancelled": lambda: _("Achat annulé.")}


@bp.post("/<int:group_id>/clore")
@login_required
def close(group_id):
    return _act(group_id, lambda g: OUTCOMES[closing.close_now(current_user, g)]())


@bp.post("/<int:group_id>/annuler")
@login_required
def cancel(group_id):
    def cancelled(group):
        closing.cancel(current_user, group)
        return _("Achat annulé : les participants sont prévenus.")
    return _act(group_id, cancelled)


@bp.post("/<int:group_id>/prolonger")
@login_required
def extend(group_id):
    group = _managed(group_id)
    form = ExtendForm()
    if form.validate_on_submit():
        try:
            closing.extend(current_user, group, closing_time(form.closes_on.data))
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Date limite prolongée : les participants sont prévenus."), "success")
            return redirect(group.url)
    for field in form:
        for error in field.errors:
            flash(error, "error")
    for error in form.form_errors:
        flash(error, "error")
    return redirect(group.url)


@bp.get("/<int:group_id>/commande")
@login_required
def order(group_id):
    group = _managed(group_id)
    return render_template("purchasing/order.html", group=group, lines=queries.lines(group),
                           figures=queries.figures(group))


def _csv(body: str, name: str) -> Response:
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/<int:group_id>/commande.csv")
@login_required
def order_csv(group_id):
    group = _managed(group_id)
    return _csv(exports.supplier_order(group), f"commande-achat-{group.id}.csv")


@bp.get("/<int:group_id>/repartition.csv")
@login_required
def split_csv(group_id):
    group = _managed(group_id)
    return _csv(exports.member_split(group), f"repartition-achat-{group.id}.csv")


@bp.post("/<int:group_id>/correction")
@login_required
def adjust(group_id):
    group = _managed(group_id)
    form = _adjust_form(group, AdjustmentForm(prefix="adjust"))
    if form.validate_on_submit():
        organization = next(c.organization for c in group.commitments if c.organization.slug == form.organization.data)
        try:
            closing.adjust(current_user, group, organization, form.signed_cents(), form.reason.data)
        except NotAllowed:
            abort(403)
        except PurchaseRefused as exc:
            _show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Correction enregistrée pour %(org)s.", org=organization.name), "success")
            return redirect(group.url)
    commit_form = CommitForm()
    commit_form.organization.choices = _org_choices(current_user)
    return _show(group, commit_form, 422, adjust_form=form)


from market.purchasing.quotes import views as _quote_views  # noqa: E402,F401  (purchases on quotation, same blueprint)
