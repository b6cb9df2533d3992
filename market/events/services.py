"""Writes of events: post an event, add shifts, sign up and cancel (through market/places), attendance."""
from flask_babel import gettext as _

from market.events import permissions, queries, rules
from market.events.models import Attendance, Event, EventOrganizer, Shift
from market.events.text import shift_label
from market.exchanges.base import ExchangeRefused, FieldsRefused, NotAllowed, busy_database, clean_text
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus
from market.types import join_labels, utcnow

__all__ = ["ExchangeRefused", "FieldsRefused", "NotAllowed"]


def create_event(actor, organization, values: dict, co_organizers=()) -> Event:
    if not permissions.can_post_event(actor, organization):
        raise NotAllowed()
    event = Event(organization=organization, created_by=actor, title=clean_text(values["title"], 160),
                  description=clean_text(values.get("description"), 5000), place=clean_text(values.get("place"), 200),
                  commune_code=values["commune_code"], status="published", created_at=utcnow())
    for other in co_organizers:
        if other.id != organization.id:
            event.co_organizers.append(EventOrganizer(organization=other))
    db.session.add(event)
    db.session.flush()
    return event


SHIFT_SENTENCES = {"start_in_past": ("day", "Ce créneau commence dans le passé : choisissez une date à venir."),
                   "too_long": ("end", "Un créneau dure au plus 24 heures : découpez-le en plusieurs créneaux."),
                   "capacity": ("capacity", "Indiquez un nombre de bénévoles entre 1 et 10 000.")}


def add_shift(actor, event, day, start, end, role: str, capacity: int, skills="", now=None) -> Shift:
    if not permissions.can_organize(actor, event):
        raise NotAllowed()
    now = now or utcnow()
    starts_at, ends_at = rules.period(day, start, end)
    problems = rules.check_shift(starts_at, ends_at, capacity, now)
    if problems:
        raise FieldsRefused([(SHIFT_SENTENCES[c][0], _(SHIFT_SENTENCES[c][1])) for c in problems])
    pool = places.open_pool(kind="events.shift", capacity=capacity, hold_for=None,
                            offer_for=rules.offer_for(starts_at, now))
    shift = Shift(event=event, pool_id=pool.id, starts_at=starts_at, ends_at=ends_at, role=clean_text(role, 120),
                  skills=join_labels((skills or "").split(";")), created_at=now)
    db.session.add(shift)
    db.session.flush()
    return shift


def sign_up(actor, shift, now=None):
    """A place on the shift, or a place in its waiting list when full; refused when it clashes."""
    now = now or utcnow()
    if not permissions.can_sign_up(actor, shift, now):
        raise NotAllowed()
    if queries.hold_of(actor, shift) is not None:
        raise ExchangeRefused(_("Vous êtes déjà inscrit(e) à ce créneau."))
    mine = [s for s, _hold in queries.shifts_of(actor, since=now) if s.id != shift.id]
    clash = rules.first_clash(shift.starts_at, shift.ends_at, mine)
    if clash is not None:
        raise ExchangeRefused(_("Ce créneau chevauche un créneau où vous êtes déjà inscrit(e) : %(shift)s. "
                                "Annulez-le d'abord si vous préférez celui-ci.", shift=shift_label(clash)))
    with busy_database():
        return places.take(actor, shift.pool, quantity=1, waitlist=True)


def cancel(actor, hold, shift):
    """Give back a place (or leave the waiting list): places offers it to the next in line."""
    if not permissions.can_cancel(actor, hold, shift):
        raise NotAllowed()
    if hold.status not in (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING):
        raise ExchangeRefused(_("Cette inscription n'est plus active."))
    try:
        with busy_database():
            places.release(actor, hold)
    except places.HoldNotActive as exc:
        raise ExchangeRefused(_("Cette inscription n'est plus active.")) from exc
    return hold


def confirm(actor, hold):
    """The next in line accepts the place offered to them."""
    if not permissions.can_confirm(actor, hold):
        raise NotAllowed()
    if hold.status != HoldStatus.OFFERED:
        raise ExchangeRefused(_("Cette place n'est plus proposée : le délai de confirmation est peut-être passé."))
    try:
        with busy_database():
            places.confirm(actor, hold)
    except places.HoldNotActive as exc:
        raise ExchangeRefused(_("Le délai pour confirmer cette place est passé : elle a été proposée à la "
                                "personne suivante.")) from exc
    return hold


def record_attendance(actor, shift, entries: dict, now=None) -> list[Attendance]:
    """`entries`: {user_id: (attended, minutes)} for the people on the roster; stored and counted."""
    now = now or utcnow()
    if not permissions.can_organize(actor, shift.event):
        raise NotAllowed()
    if shift.starts_at > now:
        raise ExchangeRefused(_("Les présences se confirment une fois le créneau commencé."))
    existing = queries.attendance_map(shift)
    saved = []
    for hold in queries.holds_of(shift, queries.ON_ROSTER):
        if hold.user_id not in entries:
            continue
        attended, minutes = entries[hold.user_id]
        if not 0 <= minutes <= rules.MAX_SHIFT_MINUTES:
            raise ExchangeRefused(_("Indiquez une durée entre 0 et 24 heures."))
        row = existing.get(hold.user_id) or Attendance(shift_id=shift.id, user_id=hold.user_id, hold_id=hold.id)
        row.attended, row.minutes = bool(attended), int(minutes) if attended else 0
        row.confirmed_by_id, row.confirmed_at = actor.id, now
        db.session.add(row)
        if attended and hold.status == HoldStatus.HELD:
            places.complete(actor, hold)
        saved.append(row)
    db.session.flush()
    return saved
