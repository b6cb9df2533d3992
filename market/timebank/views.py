"""Pages of the time bank: the coups de pouce, one exchange, my balance and history (coordination, workshops and
the skills register have their own modules on the same blueprint)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from market.extensions import db
from market.ledger.queries import history
from market.places import services as places
from market.timebank import credits, permissions, queries, rules, services, skills
from market.timebank.accounts import existing_account, holders_of
from market.timebank.forms import PostForm, ReasonForm, RecordForm, RespondForm
from market.timebank.models import HelpExchange, HelpPost

bp = Blueprint("timebank", __name__, url_prefix="/coups-de-pouce")


def _get(model, ident):
    item = db.session.get(model, ident)
    if item is None:
        abort(404)
    return item


def _holder(form):
    holder = permissions.holder_object(form.holder.data or "")
    if holder is None:
        abort(400)
    return holder


@bp.get("/")
@login_required
def index():
    kind, skill = request.args.get("type"), request.args.get("competence")
    return render_template("timebank/index.html", posts=queries.open_posts(kind, skill), kind=kind, skill=skill,
                           skill_choices=skills.choices(), workshops=queries.upcoming_workshops(skill),
                           free=places.free)


@bp.route("/nouveau", methods=["GET", "POST"])
@login_required
def new():
    form = PostForm().set_holders(current_user)
    if request.method == "GET":  # "Demander un coup de pouce" from the register: the skill already chosen
        form.kind.data = request.args.get("type") if request.args.get("type") in rules.KINDS else form.kind.data
        form.skill.data = request.args.get("competence") or form.skill.data
    if form.validate_on_submit():
        try:
            post = services.create_post(current_user, _holder(form), form.kind.data, form.skill.data,
                                        form.title.data, form.description.data or "", form.hours.minutes,
                                        form.slots.data if form.kind.data == "offer" else None)
        except services.NotAllowed:
            db.session.rollback()
            abort(403)
        except services.Refused as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Votre coup de pouce est publié."), "success")
            return redirect(post.url)
    return render_template("timebank/post_form.html", form=form)


@bp.route("/<int:post_id>", methods=["GET", "POST"])
@login_required
def post(post_id):
    item = _get(HelpPost, post_id)
    form = RespondForm().set_holders(current_user)
    mine = permissions.can_act_for(current_user, item.account)
    if not mine and form.validate_on_submit():
        try:
            exchange = services.respond(current_user, item, _holder(form), form.message.data, form.scheduled_on.data)
        except services.NotAllowed:
            db.session.rollback()
            abort(403)
        except services.Refused as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            if exchange.status == "waiting":
                flash(_("Tous les créneaux sont pris : vous êtes n° %(num)d sur la liste d'attente. Vous serez "
                        "prévenu·e dès qu'un créneau se libère.", num=places.position(exchange.hold) or 1), "info")
            else:
                flash(_("Demande envoyée : %(name)s doit l'accepter.", name=item.account.label), "success")
            return redirect(exchange.url)
    return render_template("timebank/post.html", post=item, form=form, mine=mine, free=places.free,
                           exchanges=queries.exchanges_on(item) if mine else [])


@bp.post("/<int:post_id>/fermer")
@login_required
def close(post_id):
    item = _get(HelpPost, post_id)
    try:
        services.close_post(current_user, item)
    except services.NotAllowed:
        abort(403)
    db.session.commit()
    flash(_("Ce coup de pouce n'est plus proposé."), "success")
    return redirect(item.url)


@bp.get("/echanges/<int:exchange_id>")
@login_required
def exchange(exchange_id):
    item = _get(HelpExchange, exchange_id)
    if not permissions.can_see_exchange(current_user, item):
        abort(404)
    roles = permissions.roles_in(current_user, item) | ({"coordinator"} if permissions.can_correct(current_user) else set())
    receiver = item.receiver_account
    after = receiver.balance - (item.minutes or 0)
    return render_template("timebank/exchange.html", exchange=item, actions=rules.actions(item.status, roles),
                           record_form=RecordForm(), reason_form=ReasonForm(), settles_at=rules.settles_at(item.recorded_at),
                           position=places.position(item.hold) if item.hold else None,
                           preview_warning=credits.soft_warning(receiver, after) if "confirm" in
                           rules.actions(item.status, roles) else None)


MESSAGES = {"take": _l("Créneau pris : %(name)s doit maintenant accepter votre demande."),
            "accept": _l("Coup de pouce convenu. Après le rendez-vous, la personne qui donne indique la durée."),
            "decline": _l("Demande refusée."), "cancel": _l("Échange annulé."),
            "record": _l("Durée enregistrée : l'autre partie la confirme (sans réponse sous 72 heures, elle est comptée)."),
            "confirm": _l("Merci ! Les heures sont comptées."),
            "contest": _l("Contestation transmise à l'équipe de coordination."),
            "credit": _l("Les heures sont comptées.")}


@bp.post("/echanges/<int:exchange_id>/<action>")
@login_required
def act(exchange_id, action):
    if action not in MESSAGES:
        abort(404)
    item = _get(HelpExchange, exchange_id)
    if not permissions.can_see_exchange(current_user, item):
        abort(404)
    form = RecordForm() if action == "record" else ReasonForm() if action == "contest" else None
    if form is not None and not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(item.url)
    try:
        services.act(current_user, item, action, minutes=form.hours.minutes if action == "record" else None,
                     reason=form.reason.data if action == "contest" else "")
    except services.NotAllowed:
        db.session.rollback()
        abort(403)
    except services.Refused as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("timebank.exchange", exchange_id=exchange_id))
    warnings = credits.warnings_after(item.entry) if action in ("confirm", "credit") else []
    db.session.commit()
    flash(str(MESSAGES[action]) % {"name": item.post.account.label}, "success")
    for warning in warnings:
        flash(warning, "warning")
    return redirect(url_for("timebank.exchange", exchange_id=exchange_id))


@bp.get("/mon-compte")
@login_required
def account():
    """The organisations' accounts first, then one's own (shown once opened, or for a volunteer)."""
    accounts = [(holder, existing_account(holder)) for holder in holders_of(current_user)]
    own, organisations = accounts[0], accounts[1:]
    if own[1] is not None or current_user.is_volunteer or not organisations:
        organisations.append(own)
    accounts = organisations
    return render_template("timebank/account.html", accounts=accounts, history=history,
                           exchanges=queries.exchanges_of(current_user), seats=queries.seats_of(current_user),
                           agreement_credits=queries.agreement_credits_of(current_user),
                           warning=credits.soft_warning)


from market.timebank import (agreement_views, coordination_views, skill_views,  # noqa: E402,F401  (same blueprint)
                             workshop_views)
