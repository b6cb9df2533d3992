"""Human labels (French first, translatable) for the codes stored in the database."""
from flask_babel import lazy_gettext as _l

from market.i18n import memo

LABELS = {
    "kind": {"offer": _l("Offre"), "need": _l("Besoin")},
    "kind_plural": {"offer": _l("Offres"), "need": _l("Besoins")},
    "category": {"equipment": _l("Matériel"), "premises": _l("Locaux"),
                 "skill": _l("Compétences"), "volunteering": _l("Bénévolat")},
    "terms": {"free": _l("Gratuit"), "loan": _l("Prêt"), "rent": _l("Location"),
              "sale": _l("Vente"), "exchange": _l("Échange")},
    "condition": {"new": _l("Neuf"), "good": _l("Bon état"), "fair": _l("État correct"),
                  "to_repair": _l("À réparer")},
    "skill_domain": {"legal": _l("Juridique"), "accounting": _l("Comptabilité"),
                     "communication": _l("Communication et graphisme"), "it": _l("Informatique"),
                     "technical": _l("Technique et maintenance"), "fundraising": _l("Recherche de financements"),
                     "other": _l("Autre")},
    "legal_form": {"association": _l("Association"), "cooperative": _l("Coopérative (SCOP, SCIC…)"),
                   "mutual": _l("Mutuelle"), "foundation": _l("Fondation"),
                   "social_enterprise": _l("Entreprise sociale"), "public_body": _l("Collectivité ou organisme public"),
                   "collective": _l("Collectif"), "other": _l("Autre")},
    "status": {"draft": _l("Brouillon"), "pending": _l("En attente de modération"),
               "changes_requested": _l("Modifications demandées"), "published": _l("Publiée"),
               "rejected": _l("Refusée"), "closed": _l("Clôturée"), "expired": _l("Expirée")},
    "close_reason": {"fulfilled": _l("Réalisée"), "withdrawn": _l("Retirée")},
    "org_status": {"pending": _l("À vérifier"), "verified": _l("Vérifiée"), "suspended": _l("Suspendue")},
    "availability": {"weekday": _l("En semaine"), "evening": _l("En soirée"), "weekend": _l("Le week-end")},
    "report_reason": {"wrong_information": _l("Informations erronées"), "not_ess": _l("Hors ESS"),
                      "offensive": _l("Contenu choquant"), "duplicate": _l("Doublon"), "other": _l("Autre")},
    "role": {"admin": _l("Administrateur·rice"), "member": _l("Membre")},
}


def label(group: str, code) -> str:
    """The label of a code, or the code itself when unknown (never an error on screen)."""
    if code is None:
        return ""
    text = LABELS.get(group, {}).get(code)
    if text is None:
        return str(code)
    return memo(("label", group, code), text.__str__)  # once per language: it is on every card


def choices(group: str, codes=None) -> list[tuple[str, str]]:
    values = LABELS[group]
    return [(code, values[code]) for code in (codes or values)]
