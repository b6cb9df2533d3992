"""Group purchases open now that answer a need (paper, sports gear…): market/matching/elsewhere.py."""
from flask_babel import gettext as _

from market.i18n import format_date, format_money
from market.matching.elsewhere import Answer, shared_terms
from market.purchasing import queries


def groups_for(need, terms) -> list[Answer]:
    if need.category not in ("equipment", "skill"):
        return []
    answers = []
    for group in queries.groups("open"):
        score, words = shared_terms(terms, f"{group.title} {group.unit} {group.description}")
        if not score:
            continue
        now = queries.figures(group)
        reasons = [_("prix actuel : %(price)s par %(unit)s", price=format_money(now["tier"].unit_price_cents),
                     unit=group.unit),
                   _("engagements jusqu'au %(day)s", day=format_date(group.last_day)),
                   _("en commun : %(words)s", words=", ".join(words))]
        answers.append(Answer(_("Achat groupé"), group.title, group.url, group.organizer_name, tuple(reasons), score))
    return answers
