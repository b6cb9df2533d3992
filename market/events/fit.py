"""Pure rules of a volunteer's fit: their skills against what a shift wants, their availability against its time.

Skills are compared as the matching compares listings (market/matching/text.tokens): folded, stemmed,
and the types vocabulary makes "conduite de minibus" and "chauffeur" one term (@conduite)."""
from dataclasses import dataclass
from datetime import datetime, time

from market.events.rules import PARIS
from market.matching.text import GENERIC, tokens

EVENING_FROM = time(17, 30)  # a weekday shift starting from here is an evening one


@dataclass(frozen=True)
class Fit:
    """Why a shift (or a need) suits a volunteer: the wanted skills they cover, whether the time suits them."""
    skills: tuple[str, ...] = ()  # the volunteer's skills (as they wrote them) that meet what is asked
    available: bool | None = None  # None: the volunteer said nothing of their availability
    slot: str | None = None  # when it takes place: "weekday", "evening" or "weekend" (shifts only)
    km: float | None = None

    @property
    def rank(self) -> tuple:
        """Sort key: skills covered first, then an availability that suits, then the nearest."""
        return (-len(self.skills), self.available is False, self.km if self.km is not None else 10_000)


def _terms(label: str) -> frozenset[str]:
    return frozenset(t for t in tokens(label) if t not in GENERIC)


def matching_skills(profile_skills: list[str], wanted: list[str]) -> tuple[str, ...]:
    """The volunteer's skills, as they wrote them, that share a term with what is asked (`wanted` texts)."""
    asked = frozenset().union(*(_terms(w) for w in wanted)) if wanted else frozenset()
    return tuple(s for s in dict.fromkeys(profile_skills) if _terms(s) & asked)


def slot(starts_at: datetime) -> str:
    """The availability a shift calls for ("weekday", "evening", "weekend"), from its Paris start."""
    local = starts_at.astimezone(PARIS)
    if local.weekday() >= 5:
        return "weekend"
    return "evening" if local.time() >= EVENING_FROM else "weekday"


def available(availability: list[str], starts_at: datetime) -> bool | None:
    """Whether the volunteer said they are free then; None when they said nothing."""
    if not availability:
        return None
    return slot(starts_at) in availability


def shift_fit(profile, shift, km: float | None = None) -> Fit:
    """How `shift` suits the volunteer's `profile` (skill_list, availability_list)."""
    wanted = shift.skill_list + [shift.role]
    return Fit(skills=matching_skills(profile.skill_list, wanted),
               available=available(profile.availability_list, shift.starts_at), slot=slot(shift.starts_at), km=km)


def need_fit(profile, need, km: float | None = None) -> Fit:
    """How a volunteering need (a listing: its title and tags) suits the volunteer's `profile`."""
    wanted = [need.title, *need.tag_list]  # the description says too much in passing ("le public", "demain")
    return Fit(skills=matching_skills(profile.skill_list, wanted), km=km)
