"""French labels of the exchange codes (statuses, sides, deposit states), a Jinja global `xlabel`."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "booking_status": {"requested": _l("Demandée"), "accepted": _l("Acceptée"), "declined": _l("Refusée"),
                       "cancelled": _l("Annulée")},
    "loan_status": {"requested": _l("Demandé"), "accepted": _l("Accepté"), "picked_up": _l("Retiré"),
                    "returned": _l("Rendu"), "declined": _l("Refusé"), "cancelled": _l("Annulé"),
                    "overdue": _l("En retard")},
    "agreement_status": {"proposed": _l("Proposé"), "confirmed": _l("Confirmé"), "done": _l("Réalisé"),
                         "cancelled": _l("Annulé")},
    "deposit_state": {"none": _l("Pas de caution"), "held": _l("Caution encaissée"), "returned": _l("Caution rendue"),
                      "kept": _l("Caution conservée")},
    "kind": {"booking": _l("Réservation de salle"), "loan": _l("Prêt de matériel"), "agreement": _l("Accord")},
    "direction": {"given": _l("Donné"), "received": _l("Reçu")},
    "weekday": {"0": _l("Lundi"), "1": _l("Mardi"), "2": _l("Mercredi"), "3": _l("Jeudi"), "4": _l("Vendredi"),
                "5": _l("Samedi"), "6": _l("Dimanche")},
}


def xlabel(group: str, code) -> str:
    """The label of a code, or the code itself when unknown (never an error on screen)."""
    if code is None:
        return ""
    return str(LABELS.get(group, {}).get(str(code), code))


def choices(group: str) -> list[tuple[str, str]]:
    return list(LABELS[group].items())
