"""The ressourcerie's answers to a need for equipment: open batches that share its words, nearby (market/matching/elsewhere.py)."""
import sqlalchemy as sa
from flask_babel import gettext as _

from market import geo
from market.extensions import db
from market.matching.elsewhere import Answer, shared_terms
from market.ressourcerie.models import Batch
from market.ressourcerie.queries import available

RADIUS_KM = 50  # a donation is collected: beyond this, rarely worth the trip
CANDIDATES = 300


def batches_for(need, terms) -> list[Answer]:
    if need.category != "equipment":
        return []
    here = geo.get(need.commune_code)
    answers = []
    for batch in db.session.scalars(sa.select(Batch).where(Batch.status == "open")
                                    .order_by(Batch.created_at.desc()).limit(CANDIDATES)):
        score, words = shared_terms(terms, f"{batch.title} {batch.description}")
        if not score:
            continue
        km = geo.distance_km(here, batch.commune) if here and batch.commune else None
        if km is not None and km > RADIUS_KM:
            continue
        left = available(batch)
        if left <= 0:
            continue
        reasons = [_("à donner : %(num)d disponible(s)", num=left), _("en commun : %(words)s", words=", ".join(words))]
        if km is not None:
            reasons.append(_("à %(km)d km", km=round(km)))
        answers.append(Answer(_("Ressourcerie"), batch.title, batch.url, f"{batch.giver_name} · {batch.commune_name}",
                              tuple(reasons), score))
    return answers
