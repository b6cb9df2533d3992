"""The ressourcerie's answers to a need for equipment (market/matching/elsewhere.py): batches given nearby."""
from flask_babel import gettext as _

from market import geo
from market.matching.elsewhere import Answer, shared_terms
from market.ressourcerie.elsewhere import batches_for_need
from market.ressourcerie.queries import available


def batches_for(need, terms) -> list[Answer]:
    here = geo.get(need.commune_code)
    answers = []
    for batch in batches_for_need(need):
        left = available(batch)
        if left <= 0:
            continue
        score, words = shared_terms(terms, f"{batch.title} {batch.description}")
        reasons = [_("à donner : %(num)d disponible(s)", num=left)]
        if words:
            reasons.append(_("en commun : %(words)s", words=", ".join(words)))
        km = geo.distance_km(here, batch.commune) if here and batch.commune else None
        if km is not None:
            reasons.append(_("à %(km)d km", km=round(km)))
        answers.append(Answer(_("Ressourcerie"), batch.title, batch.url, f"{batch.giver_name} · {batch.commune_name}",
                              tuple(reasons), max(score, 0.5)))
    return answers
