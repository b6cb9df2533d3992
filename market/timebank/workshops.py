"""Writes of workshops: propose one, book a seat (or a place in line) through market/places, cancel with notice,
record who came; the hours each attendee pays follow the coordinators' rule (rules.workshop_shares). They take
the acting person, flush, never commit."""
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges.base import ExchangeRefused, FieldsRefused, busy_database, clean_text
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus, PlaceHold
from market.timebank import credits, permissions, rules, settings, skills
from market.timebank.accounts import account_of
from market.timebank.credits import NotAllowed, Refused
from market.timebank.workshop_models import Workshop, WorkshopSeat
from market.types import utcnow

__all__ = ["FieldsRefused", "NotAllowed", "Refused"]
POOL_KIND = "timebank.workshop"
MAX_MINUTES = 12 * 60
ACTIVE_HOLDS = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)


def _check(values: dict, starts_at: datetime, ends_at: datetime, now: datetime) -> list[tuple[str, str]]:
    problems = []
    if not skills.active_code(values.get("skill") or ""):
        problems.append(("skill", _("Choisissez une compétence du référentiel.")))
    if not clean_text(values.get("title"), 160):
        problems.append(("title", _("Donnez un titre à votre atelier.")))
    if starts_at <= now:
        problems.append(("day", _("Cet atelier commence dans le passé : choisissez une date à venir.")))
    if ends_at <= starts_at or (ends_at - starts_at).total_seconds() > MAX_MINUTES * 60:
        problems.append(("end", _("L'atelier finit après son début, le même jour, et dure au plus 12 heures.")))
    capacity = values.get("capacity")
    if capacity is None or not 1 <= capacity <= rules.MAX_SEATS:
        problems.append(("capacity", _("Indiquez un nombre de places entre 1 et %(max)d.", max=rules.MAX_SEATS)))
    video = (values.get("video_url") or "").strip()
    if video and (urlsplit(video).scheme not in ("http", "https") or not urlsplit(video).netloc):
        problems.append(("video_url", _("Donnez l'adresse complète du lien, qui commence par https://.")))
    if not video and not clean_text(values.get("place"), 200):
        problems.append(("place", _("Indiquez le lieu de l'atelier, ou un lien de visioconférence.")))
    notice = values.get("notice_hours", 24)
    if notice is None or not 0 <= notice <= 14 * 24:
        problems.append(("notice_hours", _("Indiquez un délai d'annulation entre 0 et 336 heures.")))
    return problems


def create_workshop(actor, holder_obj, values: dict, now: datetime | None = None) -> Workshop:
    """`values`: skill, title, description, day, start, end, place, commune_code, video_url, capacity, notice_hours."""
    now = now or utcnow()
    account = account_of(holder_obj)
    if not permissions.can_act_for(actor, account):
        raise NotAllowed()
    starts_at, ends_at = rules.period(values["day"], values["start"], values["end"])
    problems = _check(values, starts_at, ends_at, now)
    if problems:
        raise FieldsRefused(problems)
    pool = places.open_pool(POOL_KIND, values["capacity"], hold_for=None, offer_for=rules.seat_offer_for(starts_at, now))
    workshop = Workshop(account_id=account.id, author_id=actor.id, pool_id=pool.id, skill=values["skill"],
                        title=clean_text(values["title"], 160), description=clean_text(values.get("description"), 5000),
                        starts_at=starts_at, ends_at=ends_at, place=clean_text(values.get("place"), 200),
                        commune_code=values.get("commune_code") or None,
                        video_url=(values.get("video_url") or "").strip()[:300],
                        notice_hours=values.get("notice_hours", 24), status="open", created_at=now)
    db.session.add(workshop)
    db.session.flush()
    return workshop


def seat_of(user, workshop) -> WorkshopSeat | None:
    """This person's active booking of the workshop (a seat, an offer, a place in line), if any."""
    return db.session.scalar(sa.select(WorkshopSeat).join(PlaceHold, PlaceHold.id == WorkshopSeat.hold_id).where(
        WorkshopSeat.workshop_id == workshop.id, WorkshopSeat.user_id == user.id, WorkshopSeat.status == "booked",
        PlaceHold.status.in_(ACTIVE_HOLDS)))


def book(actor, workshop: Workshop, holder_obj, now: datetime | None = None) -> WorkshopSeat:
    """A seat, or a place in the waiting list when the workshop is full: the database refuses a seat beyond the
    capacity (market/places), whatever the number of simultaneous requests."""
    now = now or utcnow()
    if workshop.status != "open" or workshop.starts_at <= now:
        raise Refused(_("Cet atelier ne prend plus d'inscriptions."))
    account = account_of(holder_obj)
    if not permissions.can_act_for(actor, account):
        raise NotAllowed()
    if account.id == workshop.account_id:
        raise Refused(_("Vous animez cet atelier : vous n'avez pas à vous y inscrire."))
    if seat_of(actor, workshop) is not None:
        raise Refused(_("Vous êtes déjà inscrit·e à cet atelier."))
    try:
        with busy_database():
            hold = places.take(actor, workshop.pool, waitlist=True, now=now)
    except ExchangeRefused as exc:
        raise Refused(str(exc)) from exc
    seat = WorkshopSeat(workshop_id=workshop.id, hold_id=hold.id, account_id=account.id, user_id=actor.id,
                        status="booked", created_at=now)
    db.session.add(seat)
    db.session.flush()
    return seat


def _may_handle(actor, seat) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False) and (
        seat.user_id == actor.id or permissions.can_act_for(actor, seat.account))


def cancel_seat(actor, seat: WorkshopSeat, now: datetime | None = None) -> WorkshopSeat:
    """Give the seat back (or leave the line) up to the provider's notice: the freed seat goes to the next."""
    now = now or utcnow()
    if not _may_handle(actor, seat):
        raise NotAllowed()
    hold = seat.hold
    if seat.status != "booked" or hold.status not in ACTIVE_HOLDS:
        raise Refused(_("Cette inscription n'est plus active."))
    if not rules.can_cancel_seat(hold.status, seat.workshop.starts_at, now, seat.workshop.notice_hours):
        raise Refused(_("Moins de %(hours)d heures avant l'atelier : prévenez directement %(name)s de votre "
                        "absence.", hours=seat.workshop.notice_hours, name=seat.workshop.account.label))
    _release(actor, seat, now)
    return seat


def confirm_seat(actor, seat: WorkshopSeat, now: datetime | None = None) -> WorkshopSeat:
    """The next in line takes the seat offered to them, before the offer lapses."""
    if not _may_handle(actor, seat):
        raise NotAllowed()
    if seat.status != "booked" or seat.hold.status != HoldStatus.OFFERED:
        raise Refused(_("Aucune place ne vous est proposée pour l'instant."))
    try:
        with busy_database():
            places.confirm(actor, seat.hold, now=now)
    except places.HoldNotActive as exc:
        raise Refused(_("Le délai pour confirmer cette place est passé : elle a été proposée à la personne "
                        "suivante.")) from exc
    except ExchangeRefused as exc:
        raise Refused(str(exc)) from exc
    return seat


def _release(actor, seat: WorkshopSeat, now: datetime) -> None:
    """Give the seat back; the next in line gets the delay that still fits before the workshop starts."""
    pool = seat.workshop.pool
    pool.offer_minutes = int(rules.seat_offer_for(seat.workshop.starts_at, now).total_seconds() // 60)
    db.session.flush()
    try:
        with busy_database():
            places.release(actor, seat.hold, now=now)
    except places.HoldNotActive as exc:
        raise Refused(_("Cette inscription n'est plus active.")) from exc
    except ExchangeRefused as exc:
        raise Refused(str(exc)) from exc
    credits.claim(WorkshopSeat, seat, "cancelled")


def _line_first(seats) -> list[WorkshopSeat]:
    """Those waiting first, then the others: a seat given back must not be offered to someone also leaving."""
    order = {HoldStatus.WAITING: 0, HoldStatus.OFFERED: 1}
    return sorted(seats, key=lambda s: (order.get(s.hold.status, 2), s.id))


def active_seats(workshop: Workshop) -> list[WorkshopSeat]:
    return [s for s in workshop.seats if s.status == "booked" and s.hold.status in ACTIVE_HOLDS]


def cancel_workshop(actor, workshop: Workshop, reason: str, now: datetime | None = None) -> list[WorkshopSeat]:
    """The provider calls it off, with a reason: every seat and place in line is given back (and told)."""
    now = now or utcnow()
    if not permissions.can_manage_workshop(actor, workshop):
        raise NotAllowed()
    reason = clean_text(reason, 2000)
    if not reason:
        raise FieldsRefused([("reason", _("Dites pourquoi l'atelier est annulé : les inscrit·es le liront."))])
    if workshop.status != "open":
        raise Refused(_("Cet atelier n'est plus ouvert."))
    credits.claim(Workshop, workshop, "cancelled", cancel_reason=reason, cancelled_at=now)
    told = active_seats(workshop)
    for seat in _line_first(told):
        _release(actor, seat, now)
    db.session.flush()
    return told


def record_attendance(actor, workshop: Workshop, attended_ids, now: datetime | None = None) -> list[WorkshopSeat]:
    """After the workshop, the provider ticks who came: each attendee's account owes its share (the rule of the
    day), to confirm or contest within 72 hours; the others are absent; the waiting list is closed."""
    now = now or utcnow()
    if not permissions.can_manage_workshop(actor, workshop):
        raise NotAllowed()
    if workshop.status != "open":
        raise Refused(_("Les présences de cet atelier sont déjà enregistrées."))
    if workshop.starts_at > now:
        raise Refused(_("Les présences s'enregistrent une fois l'atelier commencé."))
    credits.claim(Workshop, workshop, "recorded", recorded_at=now)
    attended_ids = {int(i) for i in attended_ids}
    seated = [s for s in active_seats(workshop) if s.hold.status == HoldStatus.HELD]
    for seat in _line_first(s for s in active_seats(workshop) if s.hold.status != HoldStatus.HELD):
        _release(actor, seat, now)
    came = [s for s in seated if s.id in attended_ids]
    shares = rules.workshop_shares(workshop.minutes, len(came), settings.current().workshop_rule)
    for seat, share in zip(came, shares):
        places.complete(actor, seat.hold, now=now)
        if share > 0:
            credits.claim(WorkshopSeat, seat, "recorded", minutes=share, recorded_at=now)
        else:
            credits.claim(WorkshopSeat, seat, "credited", recorded_at=now, credited_at=now)
    for seat in seated:
        if seat.id not in attended_ids:
            credits.claim(WorkshopSeat, seat, "absent")
    db.session.flush()
    return came


def _credit(actor, seat: WorkshopSeat, now: datetime) -> None:
    credits.claim(WorkshopSeat, seat, "credited", credited_at=now)
    entry = credits.pay(actor, seat.account, seat.workshop.account, seat.minutes, memo=seat.workshop.title,
                        source=f"timebank.workshop_seat:{seat.id}")
    seat.entry_id = entry.id


def confirm_hours(actor, seat: WorkshopSeat, now: datetime | None = None) -> WorkshopSeat:
    if not permissions.can_act_for(actor, seat.account):
        raise NotAllowed()
    if seat.status != "recorded":
        raise Refused(_("Ces heures ne sont pas à confirmer."))
    _credit(actor, seat, now or utcnow())
    db.session.flush()
    return seat


def contest_hours(actor, seat: WorkshopSeat, reason: str) -> WorkshopSeat:
    if not permissions.can_act_for(actor, seat.account):
        raise NotAllowed()
    if seat.status != "recorded":
        raise Refused(_("Ces heures ne peuvent plus être contestées."))
    reason = clean_text(reason, 1000)
    if not reason:
        raise Refused(_("Dites ce qui ne va pas : l'équipe de coordination le lira."))
    credits.claim(WorkshopSeat, seat, "contested", contest_reason=reason)
    db.session.flush()
    return seat


def decide(actor, seat: WorkshopSeat, count: bool, now: datetime | None = None) -> WorkshopSeat:
    """A coordinator counts contested hours anyway, or drops them (the seat is then marked absent)."""
    if not permissions.can_correct(actor):
        raise NotAllowed()
    if seat.status != "contested":
        raise Refused(_("Ces heures ne sont pas contestées."))
    if count:
        _credit(actor, seat, now or utcnow())
    else:
        credits.claim(WorkshopSeat, seat, "absent")
    db.session.flush()
    return seat


def seats_due(now: datetime | None = None) -> list[WorkshopSeat]:
    now = now or utcnow()
    return list(db.session.scalars(sa.select(WorkshopSeat).where(
        WorkshopSeat.status == "recorded", WorkshopSeat.recorded_at <= now - rules.SETTLE_AFTER)
        .order_by(WorkshopSeat.id)))


def settle_seat(seat: WorkshopSeat, now: datetime | None = None) -> WorkshopSeat:
    """Hours not contested within 72 hours: counted, the network as author."""
    now = now or utcnow()
    if not rules.due_for_settling(seat.status, seat.recorded_at, now):
        raise Refused(_("Ces heures ne sont pas encore à compter."))
    _credit(None, seat, now)
    db.session.flush()
    return seat


def lapsed_in_line() -> int:
    """Seats whose offer lapsed (not confirmed in time): marked cancelled. Returns how many."""
    stale = db.session.scalars(sa.select(WorkshopSeat).join(PlaceHold, PlaceHold.id == WorkshopSeat.hold_id).where(
        WorkshopSeat.status == "booked", PlaceHold.status.in_((HoldStatus.LAPSED, HoldStatus.RELEASED)))).all()
    for seat in stale:
        credits.claim(WorkshopSeat, seat, "cancelled")
    db.session.flush()
    return len(stale)
