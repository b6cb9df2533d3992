"""Events through the API (/api/v1): events and shifts (public), sign-ups (create, cancel, confirm with a token),
rosters (organisers only), hours (one's own, an organisation's). Same services and permissions as the pages."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _

from market.accounts.models import Organization
from market.api import bodies, params, schemas
from market.api.auth import api_user, require_user
from market.api.blueprint import bp
from market.api.serializers import iso_datetime
from market.api.writing import Conflict, created, write
from market.events import exports, permissions, queries, rules, services
from market.events.models import Event, Shift
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus, PlaceHold
from market.types import utcnow


def _not_found(message):
    return bodies.BodyRefused(404, "not_found", message)


def _forbidden():
    return bodies.BodyRefused(403, "forbidden", _("Votre compte ne permet pas cette action."))


def shift_body(shift) -> dict:
    return {"id": shift.id, "event_id": shift.event_id, "role": shift.role, "skills": shift.skill_list,
            "starts_at": iso_datetime(shift.starts_at), "ends_at": iso_datetime(shift.ends_at),
            "minutes": shift.minutes, "capacity": shift.capacity, "free": places.free(shift.pool),
            "url": url_for("events.show", event_id=shift.event_id, _external=True, _anchor=f"shift-{shift.id}")}


def event_body(event) -> dict:
    return {"id": event.id, "title": event.title, "description": event.description, "place": event.place,
            "commune": event.commune_name, "commune_code": event.commune_code, "status": event.status,
            "organizers": [{"slug": o.slug, "name": o.name} for o in event.organizations],
            "starts_at": iso_datetime(event.starts_at), "ends_at": iso_datetime(event.ends_at),
            "url": url_for("events.show", event_id=event.id, _external=True),
            "shifts": [shift_body(s) for s in event.shifts]}


def signup_body(hold, shift) -> dict:
    return {"id": hold.id, "shift_id": shift.id, "event_id": shift.event_id, "status": hold.status,
            "position": places.position(hold) if hold.status == HoldStatus.WAITING else None,
            "confirm_before": iso_datetime(hold.expires_at) if hold.status == HoldStatus.OFFERED else None,
            "created_at": iso_datetime(hold.created_at), "shift": shift_body(shift)}


def _event(event_id) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or not permissions.can_view(api_user(), event):
        raise _not_found(_("Manifestation introuvable."))
    return event


def _shift(shift_id) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None or not permissions.can_view(api_user(), shift.event):
        raise _not_found(_("Créneau introuvable."))
    return shift


def _signup(signup_id) -> tuple[PlaceHold, Shift]:
    """A sign-up its volunteer or the event's organisers may see."""
    user = require_user()
    hold = db.session.get(PlaceHold, signup_id)
    shift = queries.shift_of_pool(hold.pool_id) if hold is not None else None
    if shift is None or not permissions.can_cancel(user, hold, shift):
        raise _not_found(_("Inscription introuvable."))
    return hold, shift


@bp.get("/events")
def events():
    page, per_page = params.pagination(request.args)
    found = queries.upcoming_events()
    items = found[(page - 1) * per_page:page * per_page]
    return jsonify({"items": [event_body(e) for e in items], "total": len(found), "page": page, "per_page": per_page})


@bp.get("/events/<int:event_id>")
def event(event_id):
    return jsonify(event_body(_event(event_id)))


@bp.get("/shifts/<int:shift_id>")
def shift(shift_id):
    return jsonify(shift_body(_shift(shift_id)))


@bp.post("/shifts/<int:shift_id>/signups")
@write(idempotent=True)
def sign_up(shift_id):
    user = require_user()
    item = _shift(shift_id)
    bodies.optional_body(schemas.EMPTY)
    if not permissions.can_sign_up(user, item):
        raise Conflict(_("Ce créneau a commencé ou la manifestation est annulée : on ne s'y inscrit plus."),
                       code="shift_closed")
    hold = services.sign_up(user, item)
    return created(signup_body(hold, item), url_for("api.signup", signup_id=hold.id, _external=True))


@bp.get("/signups/<int:signup_id>")
def signup(signup_id):
    return jsonify(signup_body(*_signup(signup_id)))


@bp.get("/my/signups")
def my_signups():
    user = require_user()
    active = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)
    return jsonify({"items": [signup_body(h, s) for s, h in queries.shifts_of(user, active, since=utcnow())]})


@bp.post("/signups/<int:signup_id>/cancel", defaults={"action": "cancel"})
@bp.post("/signups/<int:signup_id>/confirm", defaults={"action": "confirm"})
@write
def decide_signup(signup_id, action):
    hold, item = _signup(signup_id)
    bodies.optional_body(schemas.EMPTY)
    if action == "cancel":
        services.cancel(api_user(), hold, item)
    else:
        services.confirm(api_user(), hold)
    return jsonify(signup_body(hold, item))


@bp.get("/events/<int:event_id>/roster")
def roster(event_id):
    user = require_user()
    item = _event(event_id)
    if not permissions.can_organize(user, item):
        raise _forbidden()
    from market.accounts.models import User
    shifts = []
    for s in item.shifts:
        people = []
        for hold in queries.holds_of(s):
            person = db.session.get(User, hold.user_id)
            people.append({"signup_id": hold.id, "name": person.display_name, "email": person.email,
                           "status": hold.status,
                           "position": places.position(hold) if hold.status == HoldStatus.WAITING else None})
        shifts.append({"shift": shift_body(s), "volunteers": people})
    return jsonify({"event_id": item.id, "title": item.title, "shifts": shifts})


def _hours_item(attendance) -> dict:
    s = attendance.shift
    return {"shift_id": s.id, "event_id": s.event_id, "event": s.event.title, "role": s.role,
            "starts_at": iso_datetime(s.starts_at), "volunteer": attendance.user.display_name,
            "minutes": attendance.minutes}


@bp.get("/my/hours")
def my_hours():
    found = queries.attendances_of(require_user())
    return jsonify({"total_minutes": sum(a.minutes for a in found), "items": [_hours_item(a) for a in found]})


def _year(args) -> int | None:
    if "year" not in args:
        return None
    raw = args.get("year", "")
    if not (raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2100):
        raise params.BadParameter("year", _("Le paramètre « %(name)s » doit être un nombre entier entre 2000 et "
                                            "2100.", name="year"))
    return int(raw)


@bp.get("/organizations/<slug>/volunteer-hours")
def organization_hours(slug):
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None:  # organisations are public: saying which exist tells nothing
        raise _not_found(_("Structure introuvable."))
    if not permissions.can_see_hours(require_user(), organization):
        raise _forbidden()
    rate = exports.hourly_rate()
    year = _year(request.args)
    found = queries.attendances_for(organization, year)
    total = sum(a.minutes for a in found)
    return jsonify({"organization": organization.slug, "year": year, "total_minutes": total,
                    "volunteers": len({a.user_id for a in found}), "hourly_rate_cents": rate,
                    "valuation_cents": rules.valuation_cents(total, rate), "method": exports.valuation_method(rate),
                    "items": [_hours_item(a) for a in found]})
