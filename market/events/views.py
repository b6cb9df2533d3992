"""Pages of events: the list, one event with its shifts, posting an event and its shifts, sign-ups."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import Organization
from market.events import permissions, queries, services
from market.events.forms import ActionForm, EventForm, ShiftForm
from market.events.models import Event, Shift
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.extensions import db
from market.places.models import HoldStatus, PlaceHold
from market.places import services as places
from market.refusals import refused, show_refusal

bp = Blueprint("events", __name__, url_prefix="/evenements")


def event_or_404(event_id) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or not permissions.can_view(current_user, event):
        abort(404)
    return event


def shift_or_404(shift_id) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None or not permissions.can_view(current_user, shift.event):
        abort(404)
    return shift


@bp.get("/")
def index():
    return render_template("events/index.html", events=queries.upcoming_events())


@bp.route("/nouveau", methods=["GET", "POST"])
@login_required
def new():
    form = EventForm()
    mine = [o for o in current_user.organizations if permissions.can_post_event(current_user, o)]
    if not mine:
        flash(_("Pour publier une manifestation, rejoignez d'abord une structure du réseau."), "info")
        return redirect(url_for("accounts.dashboard"))
    form.organization.choices = [(o.slug, o.name) for o in mine]
    others = db.session.scalars(db.select(Organization).where(Organization.status == "verified")
                                .order_by(Organization.name)).all()
    form.co_organizers.choices = [(o.slug, o.name) for o in others]
    if form.validate_on_submit():
        organization = next(o for o in mine if o.slug == form.organization.data)
        co = [o for o in others if o.slug in (form.co_organizers.data or [])]
        event = services.create_event(current_user, organization, form.values(), co)
        db.session.commit()
        flash(_("Manifestation publiée : ajoutez maintenant ses créneaux."), "success")
        return redirect(url_for("events.manage", event_id=event.id))
    return render_template("events/new.html", form=form)


@bp.get("/<int:event_id>")
def show(event_id):
    event = event_or_404(event_id)
    mine = {}
    if current_user.is_authenticated:
        mine = {s.id: h for s, h in queries.shifts_of(current_user) if s.event_id == event.id}
    return render_template("events/show.html", event=event, mine=mine, form=ActionForm(),
                           free=places.free, HoldStatus=HoldStatus, position=places.position,
                           organiser=permissions.can_organize(current_user, event),
                           can_sign_up=lambda s: permissions.can_sign_up(current_user, s))


@bp.route("/<int:event_id>/gerer", methods=["GET", "POST"])
@login_required
def manage(event_id):
    event = event_or_404(event_id)
    if not permissions.can_organize(current_user, event):
        abort(403)
    form = ShiftForm()
    if form.validate_on_submit():
        try:
            services.add_shift(current_user, event, form.day.data, form.start.data, form.end.data, form.role.data,
                               form.capacity.data, form.skills.data)
        except ExchangeRefused as exc:
            db.session.rollback()
            show_refusal(form, exc)
        else:
            db.session.commit()
            flash(_("Créneau ajouté."), "success")
            return redirect(url_for("events.manage", event_id=event.id))
    return render_template("events/manage.html", event=event, form=form, free=places.free)


@bp.post("/creneaux/<int:shift_id>/inscription")
@login_required
def sign_up(shift_id):
    shift = shift_or_404(shift_id)
    ActionForm().validate_on_submit()
    try:
        hold = services.sign_up(current_user, shift)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(shift.url)
    db.session.commit()
    tell_signed_up(hold)
    return redirect(shift.url)


def tell_signed_up(hold) -> None:
    """What a volunteer reads after signing up for a shift, or accepting an invitation to one."""
    if hold.status == HoldStatus.WAITING:
        flash(_("Ce créneau est complet : vous êtes en liste d'attente (position %(num)d). Nous vous écrirons si une "
                "place se libère.", num=places.position(hold) or 1), "info")
    else:
        flash(_("C'est noté : vous êtes inscrit(e). Merci !"), "success")


def _hold_action(hold_id, action):
    hold = db.session.get(PlaceHold, hold_id)
    shift = queries.shift_of_pool(hold.pool_id) if hold is not None else None
    if shift is None or not permissions.can_cancel(current_user, hold, shift):
        abort(404)
    ActionForm().validate_on_submit()
    try:
        action(current_user, hold, shift)
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return None, shift
    db.session.commit()
    return hold, shift


@bp.post("/inscriptions/<int:hold_id>/annuler")
@login_required
def cancel(hold_id):
    hold, shift = _hold_action(hold_id, services.cancel)
    if hold is not None:
        flash(_("Inscription annulée : la place est proposée à la personne suivante."), "success")
    back = request.form.get("back")
    return redirect(url_for("events.roster", event_id=shift.event_id) if back == "roster" else url_for("events.mine"))


@bp.post("/inscriptions/<int:hold_id>/confirmer")
@login_required
def confirm(hold_id):
    hold, _shift = _hold_action(hold_id, lambda actor, h, s: services.confirm(actor, h))
    if hold is not None:
        flash(_("Place confirmée : vous êtes inscrit(e). Merci !"), "success")
    return redirect(url_for("events.mine"))


from market.events import roster_views  # noqa: E402,F401  (the organisers' and volunteers' pages, same blueprint)
from market.events import pool_views  # noqa: E402,F401  (the volunteer pool and the volunteer's answers)
