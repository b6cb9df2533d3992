"""Demo data of the network: a few organisations placed by hand with their area, and the coming agenda."""
from datetime import date, datetime, time, timedelta

from market.listings.models import Listing
from market.network import rules, services

# Placed by hand at their (fictional) premises, away from their commune's town hall, with their area.
PLACES = {
    "sel": {"point": (46.0581, 3.5633), "km": 15, "communes": ()},
    "mfr": {"point": (46.1430, 3.2660), "km": None, "communes": ("03109", "03043", "03118", "03254")},
    "centres": {"point": None, "km": 20, "communes": ()},
}


def _evening(today: date, days: int, start: time, minutes: int):
    day = today + timedelta(days=days)
    begin = datetime.combine(day, start, tzinfo=rules.PARIS)
    return begin, begin + timedelta(minutes=minutes)


def load(coordinator, organizations: dict, admins: dict, listings: list, today: date) -> list:
    for key, spec in PLACES.items():
        if key in organizations:
            services.set_place(admins[key], organizations[key], spec["point"], spec["km"], list(spec["communes"]))
    room = next((l for l in listings if isinstance(l, Listing) and l.category == "premises" and l.kind == "offer"
                 and l.organization is organizations.get("centres")), None)
    host = organizations.get("centres")
    made = []
    start, end = _evening(today, 12, time(18, 30), 90)
    made.append(services.post_meeting(coordinator, None, {
        "title": "Petit déjeuner thématique : prêter nos salles", "format": "breakfast", "starts_at": start,
        "ends_at": end, "commune_code": host.commune_code if host else "03095",
        "venue": "Salle de réunion, accès de plain-pied", "host_org_id": host.id if host else None,
        "room_id": room.id if room else None, "capacity": 12,
        "description": "Tour de table d'une heure et demie : qui prête quoi, à quelles conditions."}))
    start, end = _evening(today, 40, time(14, 0), 120)
    made.append(services.post_meeting(coordinator, None, {
        "title": "Atelier trimestriel : bénévolat partagé", "format": "workshop", "starts_at": start, "ends_at": end,
        "commune_code": "03118", "venue": "Mairie, salle du conseil", "host_org_id": None, "room_id": None,
        "capacity": 20, "description": "Deux heures pour organiser un vivier de bénévoles commun."}))
    jardin = organizations.get("jardin")
    if jardin is not None:
        start, end = _evening(today, 20, time(10, 0), 360)
        made.append(services.post_meeting(admins["jardin"], jardin, {
            "title": "Portes ouvertes des Potagers", "format": "event", "starts_at": start, "ends_at": end,
            "commune_code": jardin.commune_code, "venue": "Chemin de la Grenouillère", "host_org_id": jardin.id,
            "room_id": None, "capacity": None, "description": "Visite des parcelles et vente de plants."}))
    return made
