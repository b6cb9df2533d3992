"""The volunteer pool: profiles that chose to be seen, searched by skills, availability and place; suggestions
of volunteers for a shift or a volunteering need (within the volunteer's own radius, skills first)."""
from dataclasses import dataclass

import sqlalchemy as sa

from market import geo
from market.accounts.models import User, VolunteerProfile
from market.events import fit, queries
from market.events.models import Invitation
from market.extensions import db
from market.types import split_labels

MAX_SHOWN = 50


@dataclass
class Candidate:
    """A visible volunteer and how they suit what is searched (skills met, availability, distance)."""
    profile: VolunteerProfile
    fit: fit.Fit
    within_their_radius: bool | None = None  # the place lies within the radius they chose (None: no place given)
    invitation: Invitation | None = None  # for a shift: the invitation already sent
    signed_up: bool = False  # for a shift: already on it (or waiting)

    @property
    def user(self) -> User:
        return self.profile.user

    @property
    def commune_name(self) -> str:
        home = geo.get(self.profile.commune_code)
        return home.name if home else ""


def visible_profiles(exclude_user_id=None) -> list[VolunteerProfile]:
    stmt = (sa.select(VolunteerProfile).join(User).where(VolunteerProfile.visible_in_pool.is_(True),
                                                         User.status == "active").order_by(User.display_name, User.id))
    if exclude_user_id is not None:
        stmt = stmt.where(VolunteerProfile.user_id != exclude_user_id)
    return list(db.session.scalars(stmt))


def _km(profile, place) -> float | None:
    home = geo.get(profile.commune_code)
    if home is None or place is None:
        return None
    return 0.0 if home.code == place.code else geo.distance_km(home, place)


def search(filters: dict, searcher=None) -> list[Candidate]:
    """filters: skills (text), availability (weekday|evening|weekend), commune (a Commune), radius_km (int)."""
    wanted = split_labels(filters.get("skills"))
    place, radius = filters.get("commune"), filters.get("radius_km")
    found = []
    for profile in visible_profiles(getattr(searcher, "id", None)):
        if filters.get("availability") and profile.availability_list \
                and filters["availability"] not in profile.availability_list:
            continue
        km = _km(profile, place)
        if place is not None and radius and (km is None or km > radius):
            continue
        skills = fit.matching_skills(profile.skill_list, wanted) if wanted else ()
        if wanted and not skills:
            continue
        found.append(Candidate(profile, fit.Fit(skills=skills, km=km),
                               within_their_radius=None if km is None else km <= profile.radius_km))
    found.sort(key=lambda c: c.fit.rank)
    return found[:MAX_SHOWN]


def for_shift(shift, exclude_user_id=None, profiles=None) -> list[Candidate]:
    """Visible volunteers within their own radius of the event: those whose skills meet the shift first.
    `profiles`: the visible profiles already read (a page asking for several shifts reads them once)."""
    place = shift.event.commune
    taken = {h.user_id for h in queries.holds_of(shift)}
    invited = {i.user_id: i for i in db.session.scalars(sa.select(Invitation).where(Invitation.shift_id == shift.id))}
    found = []
    for profile in profiles if profiles is not None else visible_profiles(exclude_user_id):
        km = _km(profile, place)
        if km is None or km > profile.radius_km:
            continue
        found.append(Candidate(profile, fit.shift_fit(profile, shift, km), within_their_radius=True,
                               invitation=invited.get(profile.user_id), signed_up=profile.user_id in taken))
    found.sort(key=lambda c: c.fit.rank)
    return found[:MAX_SHOWN]


def for_need(need, exclude_user_id=None, profiles=None) -> list[Candidate]:
    """Visible volunteers within their own radius of a volunteering need, those whose skills meet it first."""
    found = []
    for profile in profiles if profiles is not None else visible_profiles(exclude_user_id):
        km = _km(profile, need.commune)
        if km is None or km > profile.radius_km or profile.user_id == need.author_id:
            continue
        found.append(Candidate(profile, fit.need_fit(profile, need, km), within_their_radius=True))
    found.sort(key=lambda c: c.fit.rank)
    return found[:MAX_SHOWN]
