"""Booking a room: its calendar rules, request, accept (slots held in the database), decline, cancel."""
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from market.exchanges import notices, permissions, rules
from market.exchanges.base import (ExchangeRefused, FieldsRefused, NotAllowed, acting_side, busy_database,
                                   clean_text, day, duration, ensure, move, other_side, required_text, span)
from market.exchanges.conversations import start_conversation
from market.exchanges.models import Booking, BookingSlot, RoomSettings
from market.extensions import db
from market.types import utcnow


def settings_of(listing) -> RoomSettings | None:
    return db.session.get(RoomSettings, listing.id)


def room_rules(listing) -> rules.RoomRules:
    settings = settings_of(listing)
    base = rules.RoomRules(available_from=listing.available_from, available_until=listing.available_until)
    if settings is None:
        return base
    base.opening_hours = dict(settings.opening_hours or {})
    base.min_minutes, base.max_minutes = settings.min_minutes, settings.max_minutes
    base.buffer_minutes, base.notice_hours = settings.buffer_minutes, settings.notice_hours
    base.closed_dates = frozenset(settings.closed_date_list)
    return base


def save_settings(actor, listing, values: dict) -> RoomSettings:
    """`values`: opening_hours {"0": [[540, 720]]...}, min/max/buffer minutes, notice hours, closed_dates text."""
    if not permissions.can_manage_room(actor, listing):
        raise NotAllowed()
    settings = settings_of(listing)
    if settings is None:
        defaults = rules.RoomRules()
        settings = RoomSettings(listing_id=listing.id, opening_hours=dict(defaults.opening_hours),
                                min_minutes=defaults.min_minutes, max_minutes=defaults.max_minutes,
                                buffer_minutes=defaults.buffer_minutes, notice_hours=defaults.notice_hours,
                                closed_dates="")
        db.session.add(settings)
    for key, value in values.items():
        setattr(settings, key, value)
    db.session.flush()
    return settings


def _sentence(code: str, params: dict) -> str:
    if code == "end_before_start":
        return _("L'heure de fin doit suivre l'heure de début.")
    if code == "quarter_hours":
        return _("Choisissez des heures rondes ou des quarts d'heure (18:00, 18:15, 18:30…).")
    if code == "in_past":
        return _("Ce créneau est déjà passé.")
    if code == "too_short":
        return _("La durée minimale d'une réservation de cette salle est de %(d)s.", d=duration(params["minutes"]))
    if code == "too_long":
        return _("La durée maximale d'une réservation de cette salle est de %(d)s.", d=duration(params["minutes"]))
    if code == "not_available":
        return _("La salle n'est pas proposée le %(day)s.", day=day(params["day"]))
    if code == "closed_day":
        return _("La salle est fermée le %(day)s.", day=day(params["day"]))
    if params.get("hours"):
        return _("Le %(day)s, la salle est ouverte de %(hours)s seulement.", day=day(params["day"]),
                 hours=params["hours"].replace("-", " " + _("à") + " "))
    return _("La salle est fermée le %(day)s.", day=day(params["day"]))


def _holders(listing, start, end, buffer_minutes, exclude_id=None) -> list[Booking]:
    """Accepted bookings holding a quarter-hour that this period (and its buffer) would need."""
    first, last = rules.held_window(start, end, buffer_minutes)
    stmt = (sa.select(Booking).join(BookingSlot, BookingSlot.booking_id == Booking.id)
            .where(BookingSlot.listing_id == listing.id, BookingSlot.starts_at >= first, BookingSlot.starts_at < last)
            .distinct().order_by(Booking.starts_at))
    if exclude_id is not None:
        stmt = stmt.where(Booking.id != exclude_id)
    return list(db.session.scalars(stmt))


def _overlap_sentence(booking, buffer_minutes) -> str:
    text = _("Ce créneau n'est pas libre : la salle est déjà réservée le %(span)s.",
             span=span(booking.starts_at, booking.ends_at))
    if buffer_minutes:
        text += " " + _("Il faut laisser %(d)s entre deux réservations (ménage, installation).",
                        d=duration(buffer_minutes))
    return text + " " + _("Choisissez un autre créneau.")


# The field of the request form each refusal is about (the person corrects it there).
FIELD_OF = {"end_before_start": "end", "quarter_hours": "start", "in_past": "day", "too_short": "end",
            "too_long": "end", "not_available": "day", "closed_day": "day", "outside_hours": "start"}


def refusals(listing, start, end, now=None) -> list[tuple[str, str]]:
    """Every reason why this period cannot be requested now, as (form field, sentence) ([] when it can)."""
    room = room_rules(listing)
    found = rules.check_booking(room, start, end, now or utcnow())
    problems = [(FIELD_OF.get(code, "start"), _sentence(code, params)) for code, params in found]
    if end > start and not any(code == "too_long" for code, _params in found):
        holders = _holders(listing, start, end, room.buffer_minutes)
        if holders:
            problems.append(("start", _overlap_sentence(holders[0], room.buffer_minutes)))
    return problems


def request_booking(actor, listing, organization, start, end, attendees=None, message="") -> Booking:
    if not permissions.can_book(actor, listing):
        raise NotAllowed()
    start, end = rules.to_utc(start), rules.to_utc(end)
    problems = refusals(listing, start, end)
    if problems:
        raise FieldsRefused(problems)
    conversation = start_conversation(actor, listing, organization)
    booking = Booking(conversation=conversation, listing=listing, requested_by=actor, starts_at=start, ends_at=end,
                      attendees=attendees, message=clean_text(message, 2000), status="requested", created_at=utcnow())
    db.session.add(booking)
    db.session.flush()
    notices.tell(conversation, "owner", "booking_requested",
                 _("Demande de réservation : %(title)s, %(span)s", title=listing.title, span=span(start, end)),
                 booking.url, actor=actor, body=booking.message, dedupe_key=f"booking:{booking.id}:requested")
    return booking


def hold_slots(booking, buffer_minutes: int) -> None:
    """Insert the quarter-hours of an accepted booking: the primary key refuses any overlap."""
    rows = [{"listing_id": booking.listing_id, "starts_at": slot, "booking_id": booking.id}
            for slot in rules.slot_starts(booking.starts_at, booking.ends_at, buffer_minutes)]
    try:
        with busy_database():
            db.session.execute(sa.insert(BookingSlot), rows)
    except IntegrityError as exc:
        # another accept took one of these quarter-hours first: the caller must roll back
        raise ExchangeRefused(_("Ce créneau vient d'être attribué à une autre réservation de la salle : "
                                "cette demande ne peut plus être acceptée. Refusez-la ou proposez un autre créneau."
                                )) from exc


def accept_booking(actor, booking) -> Booking:
    side = acting_side(actor, booking)
    ensure("booking", booking, "accept", side)
    room = room_rules(booking.listing)
    conflicts = _holders(booking.listing, booking.starts_at, booking.ends_at, room.buffer_minutes, booking.id)
    if conflicts:
        raise ExchangeRefused(_overlap_sentence(conflicts[0], room.buffer_minutes))
    if booking.starts_at <= utcnow():
        raise ExchangeRefused(_("Ce créneau est déjà passé."))
    move("booking", booking, "accept", side)
    booking.decided_by, booking.decided_at = actor, utcnow()
    with busy_database():
        db.session.flush()
    hold_slots(booking, room.buffer_minutes)
    _tell_requester(actor, booking, "booking_accepted", _("Réservation acceptée : %(title)s, %(span)s"))
    return booking


def decline_booking(actor, booking, reason: str) -> Booking:
    side = acting_side(actor, booking)
    reason = required_text(reason, _("Indiquez la raison du refus : elle sera transmise à la personne."))
    move("booking", booking, "decline", side)
    booking.decline_reason, booking.decided_by, booking.decided_at = reason, actor, utcnow()
    db.session.flush()
    _tell_requester(actor, booking, "booking_declined", _("Réservation refusée : %(title)s, %(span)s"), reason)
    return booking


def cancel_booking(actor, booking, reason: str) -> Booking:
    side = acting_side(actor, booking)
    ensure("booking", booking, "cancel", side)
    reason = required_text(reason, _("Indiquez la raison de l'annulation."))
    notice = room_rules(booking.listing).notice_hours
    if not rules.can_cancel_in_time(booking.status, booking.starts_at, utcnow(), notice):
        raise ExchangeRefused(_("Il est trop tard pour annuler en ligne : le délai de prévenance de cette salle est de "
                                "%(d)s avant le début. Prenez contact directement.", d=duration(notice * 60)))
    move("booking", booking, "cancel", side)
    booking.cancel_reason, booking.cancelled_by_side, booking.cancelled_at = reason, side, utcnow()
    db.session.execute(sa.delete(BookingSlot).where(BookingSlot.booking_id == booking.id))
    db.session.flush()
    notices.tell(booking.conversation, other_side(side), "booking_cancelled",
                 _("Réservation annulée : %(title)s, %(span)s", title=booking.listing.title,
                   span=span(booking.starts_at, booking.ends_at)),
                 booking.url, actor=actor, body=reason, dedupe_key=f"booking:{booking.id}:cancelled")
    return booking


def _tell_requester(actor, booking, kind, title, body=""):
    notices.tell(booking.conversation, "requester", kind,
                 title % {"title": booking.listing.title, "span": span(booking.starts_at, booking.ends_at)},
                 booking.url, actor=actor, body=body, dedupe_key=f"booking:{booking.id}:{kind}")


def upcoming(listing, now=None, days: int = 120) -> list[Booking]:
    now = now or utcnow()
    return list(db.session.scalars(sa.select(Booking).where(
        Booking.listing_id == listing.id, Booking.status == "accepted", Booking.ends_at > now,
        Booking.starts_at < now + timedelta(days=days)).order_by(Booking.starts_at)))


def requests_for(listing) -> list[Booking]:
    return list(db.session.scalars(sa.select(Booking).where(Booking.listing_id == listing.id,
                                                            Booking.status == "requested").order_by(Booking.starts_at)))
