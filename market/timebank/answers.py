"""The time bank's answers to a need for a skill (market/matching/elsewhere.py): coups de pouce and coming workshops."""
import sqlalchemy as sa
from flask_babel import gettext as _

from market.extensions import db
from market.i18n import format_when
from market.matching.elsewhere import Answer, shared_terms
from market.timebank import skills
from market.timebank.models import HelpPost
from market.timebank.workshop_models import Workshop
from market.types import utcnow

CANDIDATES = 200
DOMAIN = 0.6  # the same skill as the need's domain: an answer even without a shared word
LISTING_DOMAINS = {"fundraising": "funding"}  # a listing's skill domain -> the referential's code, where they differ


def help_for(need, terms) -> list[Answer]:
    if need.category != "skill":
        return []
    labels, answers = skills.labels(), []
    posts = db.session.scalars(sa.select(HelpPost).where(HelpPost.kind == "offer", HelpPost.status == "open")
                               .order_by(HelpPost.created_at.desc()).limit(CANDIDATES))
    for post in posts:
        score, reasons = _fit(need, terms, post, labels)
        if score:
            answers.append(Answer(_("Coup de pouce"), post.title, post.url, post.account.label,
                                  (_("payé en temps : 1 h donnée = 1 h reçue"), *reasons), score))
    workshops = db.session.scalars(sa.select(Workshop).where(Workshop.status == "open", Workshop.starts_at > utcnow())
                                   .order_by(Workshop.starts_at).limit(CANDIDATES))
    for workshop in workshops:
        score, reasons = _fit(need, terms, workshop, labels)
        if score:
            answers.append(Answer(_("Atelier"), workshop.title, workshop.url, format_when(workshop.starts_at),
                                  tuple(reasons), score))
    return answers


def _fit(need, terms, offer, labels) -> tuple[float, list[str]]:
    """(score, reasons): the need's domain is the offer's skill, or they share words."""
    label = labels.get(offer.skill, "")
    score, words = shared_terms(terms, f"{offer.title} {label} {offer.description}")
    reasons = [_("en commun : %(words)s", words=", ".join(words))] if words else []
    if need.skill_domain and LISTING_DOMAINS.get(need.skill_domain, need.skill_domain) == offer.skill:
        reasons.insert(0, _("même domaine : %(domain)s", domain=label))
        score = max(score, DOMAIN)
    return score, reasons
