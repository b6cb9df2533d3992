""""Qui sait faire quoi ?": the skills register searched with the listings' French analysis and synonyms."""
from dataclasses import dataclass

import sqlalchemy as sa

from market import geo
from market.accounts.models import Organization, User, VolunteerProfile
from market.extensions import db
from market.search.organizations import matches, term_set
from market.search.query import word_groups
from market.timebank import skills as skill_register
from market.timebank.skill_models import Skill, SkillDeclaration

MODES = ("remote", "on_site")


@dataclass
class Entry:
    declaration: SkillDeclaration
    skill: Skill
    name: str
    kind: str            # "org" | "volunteer"
    commune: str
    url: str | None      # the organisation's page in the directory; None for a volunteer
    holder: str
    slug: str | None = None

    @property
    def minutes_per_month(self):
        return self.declaration.minutes_per_month


def _holders(declarations) -> dict[str, tuple]:
    """{holder: (name, kind, commune name, url, slug)} of the holders the register shows (verified organisations,
    active volunteers); others are left out."""
    org_ids = {int(d.holder[4:]) for d in declarations if d.holder.startswith("org:")}
    user_ids = {int(d.holder[5:]) for d in declarations if d.holder.startswith("user:")}
    out = {}
    if org_ids:
        for org in db.session.scalars(sa.select(Organization).where(Organization.id.in_(org_ids),
                                                                    Organization.status == "verified")):
            commune = geo.get(org.commune_code)
            out[f"org:{org.id}"] = (org.name, "org", commune.name if commune else "", org.url, org.slug)
    if user_ids:
        communes = dict(db.session.execute(sa.select(VolunteerProfile.user_id, VolunteerProfile.commune_code)
                                           .where(VolunteerProfile.user_id.in_(user_ids))).all())
        for user in db.session.scalars(sa.select(User).where(User.id.in_(user_ids), User.status == "active")):
            commune = geo.get(communes.get(user.id) or "")
            out[f"user:{user.id}"] = (user.display_name, "volunteer", commune.name if commune else "", None, None)
    return out


def search(q: str = "", skill: str = "", mode: str = "", limit: int = 200) -> list[Entry]:
    """Declarations of active skills whose holder, skill, note or commune contain every word typed (French
    stems, accents folded, synonyms), filtered by skill and by how they give; by skill then name."""
    query = (sa.select(SkillDeclaration, Skill).join(Skill).where(Skill.active.is_(True))
             .order_by(Skill.position, Skill.label, SkillDeclaration.id))
    if skill:
        query = query.where(Skill.code == skill)
    if mode == "remote":
        query = query.where(SkillDeclaration.remote.is_(True))
    elif mode == "on_site":
        query = query.where(SkillDeclaration.on_site.is_(True))
    rows = db.session.execute(query).all()
    holders = _holders([d for d, _s in rows])
    groups = word_groups(q or "")
    out = []
    for declaration, found in rows:
        if declaration.holder not in holders:
            continue
        name, kind, commune, url, slug = holders[declaration.holder]
        if groups:
            text = " ".join((name, found.label, found.label_en or "", found.description or "", declaration.note or "",
                             commune))
            if not matches(groups, term_set(text)):
                continue
        out.append(Entry(declaration, found, name, kind, commune, url, declaration.holder, slug))
        if len(out) >= limit:
            break
    return out


def skill_counts() -> dict[str, int]:
    """How many declarations each active skill has (for the filter)."""
    skill_register.referential()
    return dict(db.session.execute(sa.select(Skill.code, sa.func.count(SkillDeclaration.id))
                                   .join(SkillDeclaration, SkillDeclaration.skill_id == Skill.id)
                                   .where(Skill.active.is_(True)).group_by(Skill.code)).all())
