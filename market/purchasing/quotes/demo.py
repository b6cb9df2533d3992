"""Demo purchases on quotation: an insurance still gathering interests, an extinguisher check with its offer out."""
from datetime import timedelta

from flask import current_app

from market.purchasing.forms import closing_time
from market.purchasing.quotes import services
from market.types import utcnow

INSURANCE = {"title": "Assurance multirisque des locaux associatifs",
             "description": "Locaux, matériel et responsabilité civile des bénévoles : un contrat négocié pour le "
                            "réseau plutôt que chacun le sien. Indiquez vos salariés, vos véhicules et la surface "
                            "de vos locaux, l'assureur en a besoin pour son offre.",
             "asks_employees": True, "asks_vehicles": True, "asks_premises_m2": True}
EXTINGUISHERS = {"title": "Vérification annuelle des extincteurs",
                 "description": "Une tournée commune du vérificateur : un déplacement partagé au lieu d'un par structure.",
                 "asks_employees": False, "asks_vehicles": False, "asks_premises_m2": True}


def load(coordinator, admins: dict, organizations: dict, today) -> list:
    insurance = services.open_list(coordinator, None, {**INSURANCE, "closes_at": closing_time(today + timedelta(days=12))})
    for key, details, note in (("cinema", {"employees": 1, "vehicles": 0, "premises_m2": 320}, "Contrat actuel jusqu'au 31 mars."),
                               ("theatre", {"employees": 2, "vehicles": 1, "premises_m2": 90}, ""),
                               ("galerie", {"employees": 0, "vehicles": 0, "premises_m2": 140}, "")):
        services.register(admins[key], insurance, organizations[key], details, note)
    checks = services.open_list(admins["ge"], organizations["ge"],
                                {**EXTINGUISHERS, "closes_at": closing_time(today + timedelta(days=3))})
    rows = {key: services.register(admins[key], checks, organizations[key], {"premises_m2": m2})
            for key, m2 in (("ge", 60), ("mfr", 1200), ("aide", 80))}
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):  # the notices' links
        services.publish_offer(admins["ge"], checks, "Sécurité Incendie Bourbonnais (démo)",
                               "Vérification annuelle de chaque extincteur, étiquette et registre de sécurité mis "
                               "à jour, en une tournée au mois de mars.",
                               "45 € HT par site, plus 6 € HT par extincteur vérifié.",
                               closing_time(today + timedelta(days=30)), now=utcnow())
    services.answer(admins["mfr"], rows["mfr"], True)
    return [insurance, checks]
