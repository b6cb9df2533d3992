"""The volunteer's home: shifts and volunteering needs within their own radius, urgent calls first, with their fit."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from market import geo
from market.events import fit, queries, rules
from market.events.models import Event, Invitation, Shift
from market.extensions import db
from market.types import utcnow

SOON = timedelta(hours=48)  # a shift with places left starting within this is an urgent call
AHEAD = timedelta(days=120)


@dataclass
class ShiftLine:
    """A shift the volunteer could take: its free places, its fit, and one of their own shifts it overlaps."""
    shift: Shift
    fit: fit.Fit
    free: int
    urgent: bool
    clash: Shift | None = None


@dataclass
class Nearby:
    """One thing near the volunteer: an event with the shifts they could take, or a volunteering need (a listing)."""
    fit: fit.Fit  # the event's best-fitting shift, or the need's
    urgent: bool
    km: float | None = None
    event: Event | None = None
    lines: list = field(default_factory=list)
    need: object = None

    @property
    def starts_at(self) -> datetime | None:
        return self.lines[0].shift.starts_at if self.lines else None

    @property
    def one_day(self) -> bool:
        """All its shifts start the same Paris day (the card says the day once, the shifts their hours)."""
        return len({rules.paris_day(line.shift.starts_at) for line in self.lines}) == 1

    @property
    def free_then(self) -> str | None:
        """The availability ("weekend"...) the volunteer gave that every shift falls in, said once for the card."""
        slots = {line.fit.slot for line in self.lines}
        return slots.pop() if len(slots) == 1 and all(line.fit.available for line in self.lines) else None

    @property
    def sort_key(self) -> tuple:
        """Urgent calls first, then what fits the skills (and the availability), then the soonest, the nearest."""
        skills, unavailable, _km = self.fit.rank
        when = self.starts_at.timestamp() if self.starts_at else float("inf")
        return (not self.urgent, skills, unavailable, when, self.km if self.km is not None else 10_000)


def home_commune(profile):
    return geo.get(profile.commune_code) if profile else None


def within(profile) -> tuple[str, ...]:
    """INSEE codes within the volunteer's own radius (any number of km they chose), their commune included."""
    from market.matching.nearby import codes_within
    return codes_within(profile.commune_code, profile.radius_km)


def _km(home, code) -> float | None:
    place = geo.get(code)
    if home is None or place is None:
        return None
    return 0.0 if home.code == place.code else geo.distance_km(home, place)


def nearby_events(user, now=None) -> list[Nearby]:
    """Published events within the radius with shifts to come the volunteer has not taken, shift by shift."""
    from market.places.services import free
    profile = user.volunteer_profile
    if profile is None:
        return []
    now = now or utcnow()
    home = home_commune(profile)
    mine = [s for s, _hold in queries.shifts_of(user, since=now)]
    taken = {s.id for s in mine}
    stmt = (sa.select(Shift).join(Event).where(Event.status == "published", Shift.starts_at > now,
                                               Shift.starts_at < now + AHEAD, Event.commune_code.in_(within(profile)))
            .order_by(Shift.starts_at, Shift.id))
    by_event: dict[int, Nearby] = {}
    for shift in db.session.scalars(stmt):
        if shift.id in taken:
            continue
        left = free(shift.pool)
        line = ShiftLine(shift, fit.shift_fit(profile, shift), left, urgent=bool(left) and shift.starts_at - now <= SOON,
                         clash=rules.first_clash(shift.starts_at, shift.ends_at, mine))
        item = by_event.get(shift.event_id)
        if item is None:
            item = by_event[shift.event_id] = Nearby(fit=line.fit, urgent=False, event=shift.event,
                                                     km=_km(home, shift.event.commune_code))
        item.lines.append(line)
        item.urgent = item.urgent or line.urgent
        item.fit = min(item.fit, line.fit, key=lambda f: f.rank)
    return list(by_event.values())


def nearby_needs(user, now=None) -> list[Nearby]:
    """Public volunteering needs within the radius (not the volunteer's own)."""
    from market.listings.models import Listing
    from market.listings.queries import public_condition
    profile = user.volunteer_profile
    if profile is None:
        return []
    home = home_commune(profile)
    stmt = (sa.select(Listing).where(public_condition(now), Listing.kind == "need", Listing.category == "volunteering",
                                     Listing.author_id != user.id, Listing.commune_code.in_(within(profile)))
            .order_by(Listing.urgent.desc(), Listing.published_at.desc()).limit(100))
    return [Nearby(fit=fit.need_fit(profile, need), need=need, urgent=need.urgent, km=_km(home, need.commune_code))
            for need in db.session.scalars(stmt)]


def nearby(user, now=None, limit: int | None = None) -> list[Nearby]:
    """Events and needs together: urgent calls first, then those that fit the skills, then the soonest, nearest."""
    items = sorted(nearby_events(user, now) + nearby_needs(user, now), key=lambda item: item.sort_key)
    return items[:limit] if limit else items


def pending_invitations(user, now=None) -> list[Invitation]:
    """Invitations to shifts still to come that the volunteer has not answered, soonest shift first."""
    now = now or utcnow()
    return list(db.session.scalars(sa.select(Invitation).join(Shift).join(Event).where(
        Invitation.user_id == user.id, Invitation.status == "pending", Shift.starts_at > now,
        Event.status == "published").order_by(Shift.starts_at, Invitation.id)))
