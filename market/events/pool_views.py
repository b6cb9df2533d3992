"""Pages of the volunteer pool (search, suggestions for a shift or a need, invitations) and of the volunteer's
answers (an invitation accepted in one click, "Je m'inscris" on a volunteering need, everything near them)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import User
from market.events import home, invitations, permissions, pool, queries
from market.events.forms import ActionForm, InviteForm, NeedOfferForm, PoolSearchForm
from market.events.models import Invitation
from market.events.views import bp, shift_or_404, tell_signed_up
from market.refusals import refused
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.extensions import db
from market.labels import label
from market.places import services as places
from market.places.models import HoldStatus

SEARCH_FIELDS = ("skills", "availability", "commune", "radius_km")


def _need_or_404(listing_id):
    from market.listings.models import Listing
    need = db.session.get(Listing, listing_id)
    if need is None or not need.is_public() or need.kind != "need" or need.category != "volunteering":
        abort(404)
    return need


def _invite_form(shifts, shift=None) -> InviteForm:
    form = InviteForm()
    form.shift.choices = [(s.id, f"{s.event.title} – {s.role}") for s in shifts]
    if shift is not None and request.method == "GET":
        form.shift.data = shift.id
    return form


@bp.get("/vivier")
@login_required
def pool_search():
    """Search the volunteers who chose to be seen; ?creneau= or ?besoin= suggests volunteers for one of yours."""
    if not permissions.can_search_pool(current_user):
        abort(403)
    form = PoolSearchForm(request.args)
    shift = need = None
    if request.args.get("creneau", "").isdigit():
        shift = shift_or_404(int(request.args["creneau"]))
        if not permissions.can_organize(current_user, shift.event):
            abort(404)
    if request.args.get("besoin", "").isdigit():
        from market.listings.permissions import can_manage
        need = _need_or_404(int(request.args["besoin"]))
        if not can_manage(current_user, need):
            abort(404)
    searched = any(request.args.get(name) for name in SEARCH_FIELDS)
    results = pool.search(form.filters(), current_user) if searched and form.validate() else []
    suggested = (pool.for_shift(shift, current_user.id) if shift else
                 pool.for_need(need, current_user.id) if need else [])
    shifts = [s for s in queries.shifts_run_by(current_user) if permissions.can_invite(current_user, s)]
    return render_template("events/pool.html", form=form, searched=searched, results=results, shift=shift,
                           need=need, suggested=suggested, shifts=shifts, invite_form=_invite_form(shifts, shift),
                           offer_form=NeedOfferForm(), label=label, free=places.free)


@bp.post("/vivier/invitations")
@login_required
def invite():
    shifts = [s for s in queries.shifts_run_by(current_user) if permissions.can_invite(current_user, s)]
    form = _invite_form(shifts)
    back = request.form.get("back") or url_for("events.pool_search")
    if not form.validate_on_submit():
        flash(_("Choisissez un de vos créneaux à venir."), "error")
        return redirect(_safe(back))
    volunteer = db.session.get(User, form.volunteer.data)
    shift = next(s for s in shifts if s.id == form.shift.data)
    if volunteer is None:
        abort(404)
    try:
        invitations.invite(current_user, shift, volunteer, form.message.data)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(_safe(back))
    db.session.commit()
    flash(_("Invitation envoyée à %(name)s : elle ou il peut accepter d'un clic.", name=volunteer.display_name),
          "success")
    return redirect(_safe(back))


@bp.post("/vivier/besoins/<int:listing_id>")
@login_required
def offer_need(listing_id):
    need = _need_or_404(listing_id)
    form = NeedOfferForm()
    volunteer = db.session.get(User, form.volunteer.data) if form.validate_on_submit() else None
    if volunteer is None:
        abort(404)
    try:
        told = invitations.offer_need(current_user, need, volunteer)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
    else:
        db.session.commit()
        flash(_("%(name)s est prévenu(e) de votre besoin.", name=volunteer.display_name) if told else
              _("%(name)s a déjà été prévenu(e) de ce besoin.", name=volunteer.display_name), "success")
    return redirect(url_for("events.pool_search", besoin=need.id))


def _safe(back: str) -> str:
    from market.redirects import safe_next
    return safe_next(back, url_for("events.pool_search"))


def _invitation_or_404(invitation_id) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not permissions.can_answer(current_user, invitation):
        abort(404)
    return invitation


@bp.get("/invitations/<int:invitation_id>")
@login_required
def invitation(invitation_id):
    item = _invitation_or_404(invitation_id)
    hold = queries.hold_of(current_user, item.shift)
    return render_template("events/invitation.html", invitation=item, shift=item.shift, form=ActionForm(),
                           hold=hold, free=places.free(item.shift.pool), HoldStatus=HoldStatus)


@bp.post("/invitations/<int:invitation_id>/accepter")
@login_required
def accept_invitation(invitation_id):
    item = _invitation_or_404(invitation_id)
    try:
        hold = invitations.accept(current_user, item)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(item.url)
    db.session.commit()
    tell_signed_up(hold)
    return redirect(item.shift.url)


@bp.post("/invitations/<int:invitation_id>/decliner")
@login_required
def decline_invitation(invitation_id):
    item = _invitation_or_404(invitation_id)
    try:
        invitations.decline(current_user, item)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(item.url)
    db.session.commit()
    flash(_("Réponse envoyée : %(org)s sait que vous ne pouvez pas venir.", org=item.organization.name), "success")
    return redirect(url_for("accounts.dashboard"))


@bp.post("/besoins/<int:listing_id>/inscription")
@login_required
def volunteer_for(listing_id):
    """"Je m'inscris" on a volunteering need: a message to the association from the profile, in one click."""
    need = _need_or_404(listing_id)
    try:
        conversation, new = invitations.volunteer_for(current_user, need)
    except NotAllowed:
        abort(403)
    db.session.commit()
    flash(_("C'est noté : %(org)s a reçu votre inscription et vous répondra ici.", org=need.owner_name) if new else
          _("Vous vous êtes déjà proposé(e) pour ce besoin : voici votre conversation."), "success")
    return redirect(conversation.url)


@bp.get("/pres-de-chez-moi")
@login_required
def near_me():
    """Everything within the volunteer's radius: shifts and volunteering needs, urgent calls first."""
    if current_user.volunteer_profile is None:
        flash(_("Dites d'abord où vous êtes et jusqu'où vous pouvez aller : votre profil de bénévole."), "info")
        return redirect(url_for("accounts.volunteer"))
    return render_template("events/near_me.html", items=home.nearby(current_user),
                           profile=current_user.volunteer_profile, form=ActionForm())
