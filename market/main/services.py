"""The network's services beyond listings, shown on the home page: only those whose feature is installed."""
from flask import current_app
from flask_babel import lazy_gettext as _l

# (endpoint, name, what it is for); a feature that has not landed has no endpoint and is left out
NETWORK_SERVICES = (
    ("ressourcerie.catalogue", _l("Ressourcerie"),
     _l("Donnez le matériel que vous renouvelez, réservez celui dont vous avez besoin.")),
    ("purchasing.index", _l("Achats groupés"),
     _l("Achetez ensemble : plus il y a de structures, plus le prix baisse.")),
    ("timebank.index", _l("Banque de temps"),
     _l("Un coup de pouce donné, c'est une heure gagnée pour en recevoir un.")),
    ("events.index", _l("Bénévolat sur les événements"),
     _l("Inscrivez-vous à un créneau, ou trouvez des bras pour votre événement.")),
    ("network.map_page", _l("Carte des acteurs"), _l("Qui fait quoi, et où, sur le territoire.")),
    ("network.agenda", _l("Agenda du réseau"), _l("Rencontres, formations et temps forts des structures.")),
    ("observatory.public", _l("Observatoire"), _l("Ce que le réseau fait ensemble, en chiffres.")),
)


def network_services() -> list[tuple[str, object, object]]:
    return [entry for entry in NETWORK_SERVICES if entry[0] in current_app.view_functions]
