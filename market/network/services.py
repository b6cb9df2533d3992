"""Writes of the network: place an organisation, post and moderate agenda dates, register; flush, never commit."""
from datetime import timedelta

import sqlalchemy as sa

from market.extensions import db
from market.network import permissions, rules
from market.network.models import ActorPlace, Meeting
from market.places import services as places
from market.places.models import HoldStatus, PlaceHold
from market.types import utcnow

POOL_KIND = "network.meeting"
OFFER_FOR = timedelta(hours=48)  # the next in line has two days to confirm a freed place


class NotAllowed(PermissionError):
    pass


class MeetingOver(ValueError):
    """Registration is for meetings that have not started."""


def set_place(actor, organization, point, catchment_km, communes) -> ActorPlace:
    """Put the organisation on the map (point None: at its commune's centre) with its catchment area."""
    if not permissions.can_place(actor, organization):
        raise NotAllowed()
    place = db.session.get(ActorPlace, organization.id) or ActorPlace(organization_id=organization.id)
    place.lat, place.lon = point if point else (None, None)
    place.catchment_km = catchment_km
    place.catchment_communes = " ".join(communes)
    db.session.add(place)
    db.session.flush()
    return place


def post_meeting(actor, organization, values: dict) -> Meeting:
    """A date of the agenda; published at once by coordinators and verified organisations, else moderated."""
    if not permissions.can_post_for(actor, organization):
        raise NotAllowed()
    if values["format"] in rules.NETWORK_FORMATS and not permissions.can_schedule_network_meeting(actor):
        raise NotAllowed()
    meeting = Meeting(organiser_id=actor.id, organiser_org_id=organization.id if organization else None,
                      status=rules.initial_status(permissions.publishes_at_once(actor, organization)),
                      **{k: v for k, v in values.items() if k != "capacity"})
    db.session.add(meeting)
    _set_capacity(meeting, values.get("capacity"))
    db.session.flush()
    return meeting


def update_meeting(actor, meeting: Meeting, values: dict) -> Meeting:
    if not permissions.can_edit(actor, meeting) or meeting.status in ("rejected", "cancelled"):
        raise NotAllowed()
    if values["format"] in rules.NETWORK_FORMATS and not permissions.can_schedule_network_meeting(actor) \
            and values["format"] != meeting.format:
        raise NotAllowed()
    for key, value in values.items():
        if key != "capacity":
            setattr(meeting, key, value)
    _set_capacity(meeting, values.get("capacity"))
    db.session.flush()
    return meeting


def _set_capacity(meeting: Meeting, capacity: int | None) -> None:
    """Open, resize or close registration (raises places.CapacityBelowTaken below those registered)."""
    if capacity is None:
        if meeting.pool is not None and meeting.pool.taken:
            raise places.CapacityBelowTaken()
        meeting.capacity, meeting.pool = None, None
        return
    if meeting.pool is None:
        meeting.pool = places.open_pool(kind=POOL_KIND, capacity=capacity, hold_for=None, offer_for=OFFER_FOR)
    elif meeting.pool.capacity != capacity:
        places.resize(meeting.pool, capacity)
    meeting.capacity = capacity


def moderate(actor, meeting: Meeting, action: str, note: str = "") -> Meeting:
    if not permissions.can_moderate(actor):
        raise NotAllowed()
    meeting.status = rules.next_status(meeting.status, action)
    meeting.moderation_note = note or ""
    db.session.flush()
    return meeting


def cancel(actor, meeting: Meeting, note: str = "") -> Meeting:
    if not permissions.can_edit(actor, meeting):
        raise NotAllowed()
    meeting.status = rules.next_status(meeting.status, "cancel")
    meeting.moderation_note = note or meeting.moderation_note
    db.session.flush()
    return meeting


def add_minutes(actor, meeting: Meeting, text: str) -> Meeting:
    """The minutes (compte rendu), once the meeting has begun."""
    if not permissions.can_edit(actor, meeting) or meeting.status != "published":
        raise NotAllowed()
    if meeting.starts_at > utcnow():
        raise MeetingOver()
    meeting.minutes = text
    db.session.flush()
    return meeting


def registration_of(user, meeting: Meeting) -> PlaceHold | None:
    """The user's current registration (a place held or offered, or a place in line), if any."""
    if meeting.pool_id is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(sa.select(PlaceHold).where(
        PlaceHold.pool_id == meeting.pool_id, PlaceHold.user_id == user.id,
        PlaceHold.status.in_((HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING, HoldStatus.DONE)))
        .order_by(PlaceHold.id.desc()).limit(1))


def register(actor, meeting: Meeting) -> PlaceHold:
    """A place if one is free (the database decides), else a place in the waiting list."""
    if not permissions.can_register(actor, meeting):
        raise NotAllowed()
    if meeting.starts_at <= utcnow():
        raise MeetingOver()
    existing = registration_of(actor, meeting)
    if existing is not None:
        return existing
    return places.take(actor, meeting.pool, 1, waitlist=True)


def unregister(actor, meeting: Meeting) -> PlaceHold | None:
    hold = registration_of(actor, meeting)
    if hold is None or hold.status == HoldStatus.DONE:
        return None
    return places.release(actor, hold)


def confirm_offer(actor, meeting: Meeting) -> PlaceHold:
    hold = registration_of(actor, meeting)
    if hold is None or hold.status != HoldStatus.OFFERED:
        raise places.HoldNotActive()
    return places.confirm(actor, hold)
