"""The skills register: the referential (coordinators edit it) and each organisation's or volunteer's declarations.
Writes take the acting person, flush, never commit."""
import re

import sqlalchemy as sa
from flask_babel import get_locale, gettext as _
from sqlalchemy.exc import IntegrityError

from market.exchanges.base import ExchangeRefused, FieldsRefused, NotAllowed, clean_text
from market.extensions import db
from market.timebank import permissions
from market.timebank.skill_models import Skill, SkillDeclaration
from market.types import utcnow

__all__ = ["ExchangeRefused", "FieldsRefused", "NotAllowed"]

LEVELS = ("notions", "practised", "expert")
# The network's first referential (the migration stores it; an empty table, as in tests, is filled again).
DEFAULT_SKILLS = [("legal", "Juridique", "Legal"), ("accounting", "Comptabilité", "Accounting"),
                  ("communication", "Communication et graphisme", "Communication and graphic design"),
                  ("it", "Informatique", "IT"), ("technical", "Technique", "Technical work"),
                  ("funding", "Recherche de financements", "Fundraising"), ("languages", "Langues", "Languages"),
                  ("facilitation", "Animation", "Facilitation"), ("other", "Autre", "Other")]


def referential(include_retired: bool = False) -> list[Skill]:
    """The skills in the coordinators' order (the active ones, unless asked)."""
    query = sa.select(Skill).order_by(Skill.position, Skill.label)
    if not include_retired:
        query = query.where(Skill.active.is_(True))
    rows = list(db.session.scalars(query))
    if not rows and not db.session.scalar(sa.select(sa.func.count()).select_from(Skill)):
        _seed()
        rows = list(db.session.scalars(query))
    return rows


def _seed() -> None:
    try:
        with db.session.begin_nested():
            db.session.add_all([Skill(code=code, label=label, label_en=label_en, position=(n + 1) * 10, active=True,
                                      created_at=utcnow()) for n, (code, label, label_en) in enumerate(DEFAULT_SKILLS)])
    except IntegrityError:  # another request filled it at the same moment
        pass


def label_of(skill: Skill | None) -> str:
    if skill is None:
        return ""
    return skill.label_en if str(get_locale() or "fr") == "en" and skill.label_en else skill.label


def labels() -> dict[str, str]:
    """{code: label in the reader's language} of every skill, retired ones included (old posts keep theirs)."""
    return {skill.code: label_of(skill) for skill in referential(include_retired=True)}


def choices() -> list[tuple[str, str]]:
    return [(skill.code, label_of(skill)) for skill in referential()]


def by_code(code: str) -> Skill | None:
    if not code:
        return None
    found = db.session.scalar(sa.select(Skill).where(Skill.code == code))
    if found is None and any(code == default for default, _l, _e in DEFAULT_SKILLS):
        referential()  # an empty referential is filled again with the network's first one
        found = db.session.scalar(sa.select(Skill).where(Skill.code == code))
    return found


def active_code(code: str) -> bool:
    skill = by_code(code)
    return skill is not None and skill.active


# The referential, for coordinators ----------------------------------------------------------------------------

def _code_for(label: str) -> str:
    from market.search.analysis import fold
    code = re.sub(r"[^a-z0-9]+", "-", fold(label)).strip("-")[:36] or "competence"
    taken = set(db.session.scalars(sa.select(Skill.code).where(Skill.code.like(f"{code}%"))))
    suffix, candidate = 2, code
    while candidate in taken:
        candidate, suffix = f"{code}-{suffix}", suffix + 1
    return candidate


def save_skill(actor, skill: Skill | None, label: str, label_en: str = "", description: str = "",
               position: int | None = None, active: bool = True) -> Skill:
    """A coordinator adds a skill to the referential, renames it, moves it, retires it (never deletes it)."""
    if not permissions.can_correct(actor):
        raise NotAllowed()
    referential()  # an empty referential gets the network's first one before anything is added
    label = clean_text(label, 80)
    if not label:
        raise FieldsRefused([("label", _("Donnez un nom à la compétence."))])
    same = db.session.scalar(sa.select(Skill).where(sa.func.lower(Skill.label) == label.lower()))
    if same is not None and same is not skill:
        raise FieldsRefused([("label", _("Cette compétence existe déjà dans le référentiel."))])
    if skill is None:
        if position is None:
            position = (db.session.scalar(sa.select(sa.func.max(Skill.position))) or 0) + 10
        skill = Skill(code=_code_for(label), label=label, created_at=utcnow())
        db.session.add(skill)
    skill.label, skill.label_en = label, clean_text(label_en, 80)
    skill.description, skill.active = clean_text(description, 300), bool(active)
    if position is not None:
        skill.position = position
    db.session.flush()
    return skill


# Declarations -------------------------------------------------------------------------------------------------

def declarations_of(holder_obj) -> list[SkillDeclaration]:
    return list(db.session.scalars(sa.select(SkillDeclaration).join(Skill)
                                   .where(SkillDeclaration.holder == permissions.holder_of(holder_obj))
                                   .order_by(Skill.position, Skill.label)))


def declare(actor, holder_obj, skill_code: str, level: str, remote: bool, on_site: bool,
            minutes_per_month: int | None, note: str = "") -> SkillDeclaration:
    """The organisation (any of its members) or the volunteer says it can give this skill; again: updates it."""
    if not permissions.can_declare_for(actor, holder_obj):
        raise NotAllowed()
    problems = []
    skill = by_code(skill_code)
    if skill is None or not skill.active:
        problems.append(("skill", _("Choisissez une compétence du référentiel.")))
    if level not in LEVELS:
        problems.append(("level", _("Choisissez un niveau.")))
    if not (remote or on_site):
        problems.append(("remote", _("Dites si vous aidez à distance, sur place, ou les deux.")))
    if minutes_per_month is not None and not 0 < minutes_per_month <= 200 * 60:
        problems.append(("hours_per_month", _("Indiquez entre 0,25 et 200 heures par mois, ou laissez vide.")))
    if problems:
        raise FieldsRefused(problems)
    holder = permissions.holder_of(holder_obj)
    item = db.session.scalar(sa.select(SkillDeclaration).where(SkillDeclaration.holder == holder,
                                                               SkillDeclaration.skill_id == skill.id))
    if item is None:
        item = SkillDeclaration(holder=holder, skill_id=skill.id)
        db.session.add(item)
    item.level, item.remote, item.on_site = level, bool(remote), bool(on_site)
    item.minutes_per_month, item.note = minutes_per_month, clean_text(note, 1000)
    item.updated_by_id, item.updated_at = actor.id, utcnow()
    db.session.flush()
    return item


def withdraw(actor, declaration: SkillDeclaration) -> None:
    holder = permissions.holder_object(declaration.holder)
    if holder is None or not permissions.can_declare_for(actor, holder):
        raise NotAllowed()
    db.session.delete(declaration)
    db.session.flush()
