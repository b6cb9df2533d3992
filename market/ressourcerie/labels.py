"""Words shown for the ressourcerie's codes (categories, conditions, reservation states)."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "category": {"mobilier": _l("Mobilier"), "informatique": _l("Informatique"),
                 "fournitures": _l("Fournitures de bureau"), "sport": _l("Sport"), "cuisine": _l("Cuisine"),
                 "textile": _l("Textile"), "evenementiel": _l("Matériel événementiel"), "autre": _l("Autre")},
    "condition": {"comme_neuf": _l("Comme neuf"), "bon_etat": _l("Bon état"), "usage": _l("Usagé"),
                  "pour_pieces": _l("Pour pièces")},
    "status": {"HELD": _l("Réservé, à retirer"), "OFFERED": _l("Proposé : à accepter"),
               "WAITING": _l("En liste d'attente"), "REQUESTED": _l("Demande reçue : le donateur choisira"),
               "TO_ALLOCATE": _l("Demande : à vous de choisir"), "DONE": _l("Retiré"), "RELEASED": _l("Annulé"),
               "LAPSED": _l("Expiré (non retiré à temps)")},
    "rule": {"first": _l("Premier arrivé, premier servi : chacun réserve à son tour"),
             "choice": _l("Je choisis : je reçois les demandes jusqu'à une date, puis j'attribue les articles")},
    "method": {"donor": _l("Marqué remis"), "code": _l("Code de retrait"), "correction": _l("Correction")},
    "batch": {"open": _l("Disponible"), "given": _l("Tout est donné"), "closed": _l("Retiré du catalogue")},
}


def rlabel(kind: str, code: str) -> str:
    return str(LABELS.get(kind, {}).get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    return [(code, label) for code, label in LABELS[kind].items()]


def rstatus(reservation, giver: bool = False) -> str:
    """The state of a reservation in words; a request to a giver who chooses is not a place in a line
    (`giver`: as the giver reads it, who has to choose)."""
    status = reservation.status
    if status == "WAITING" and reservation.batch.chooses:
        status = "TO_ALLOCATE" if giver else "REQUESTED"
    return rlabel("status", status)
