"""Words shown for the ressourcerie's codes (categories, conditions, reservation states)."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "category": {"mobilier": _l("Mobilier"), "informatique": _l("Informatique"),
                 "fournitures": _l("Fournitures de bureau"), "sport": _l("Sport"), "cuisine": _l("Cuisine"),
                 "textile": _l("Textile"), "evenementiel": _l("Matériel événementiel"), "autre": _l("Autre")},
    "condition": {"comme_neuf": _l("Comme neuf"), "bon_etat": _l("Bon état"), "usage": _l("Usagé"),
                  "pour_pieces": _l("Pour pièces")},
    "status": {"HELD": _l("Réservé, à retirer"), "OFFERED": _l("Proposé : à accepter"),
               "WAITING": _l("En liste d'attente"), "DONE": _l("Retiré"), "RELEASED": _l("Annulé"),
               "LAPSED": _l("Expiré (non retiré à temps)")},
    "batch": {"open": _l("Disponible"), "given": _l("Tout est donné"), "closed": _l("Retiré du catalogue")},
}


def rlabel(kind: str, code: str) -> str:
    return str(LABELS.get(kind, {}).get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    return [(code, label) for code, label in LABELS[kind].items()]
