"""Demo events: the cyclo club's race 8 km from Vichy (co-organised with the social centres), the insertion
garden's open day, and last autumn's ride whose hours were confirmed; a few volunteers of the pool."""
from datetime import date, time, timedelta

from market.accounts.services import save_volunteer_profile
from market.auth.services import find_user, register_user
from market.events import services
from market.types import utcnow

SAINT_REMY, CUSSET, VICHY = "03258", "03095", "03310"  # Saint-Rémy-en-Rollat lies 8 km from Vichy

# (e-mail, name, commune, radius km, skills, availability): fictional people who chose to be seen in the pool
POOL = [
    ("dominique.benevole@example.org", "Dominique, bénévole (démo)", CUSSET, 15, "signalisation; secourisme",
     "weekend"),
    ("camille.benevole@example.org", "Camille, bénévole (démo)", VICHY, 10, "buvette; caisse; accueil du public",
     "evening;weekend"),
    ("alex.benevole@example.org", "Alex, bénévole (démo)", SAINT_REMY, 30, "conduite minibus; mécanique vélo",
     "weekday;weekend"),
]


def _sunday_after(day: date) -> date:
    return day + timedelta(days=(6 - day.weekday()) % 7)


def load(admins: dict, organizations: dict, volunteer_email: str, password: str, today: date) -> list:
    """The events, their shifts, a few sign-ups; returns the events."""
    pool = []
    for email, name, commune, radius, skills, availability in POOL:
        person = register_user(email, name, password, volunteer=True)
        save_volunteer_profile(person, {"commune_code": commune, "radius_km": radius, "skills": skills,
                                        "availability": availability, "visible_in_pool": True})
        pool.append(person)
    velo, centres, jardin = (organizations[k] for k in ("velo", "centres", "jardin"))
    race = services.create_event(admins["velo"], velo, {
        "title": "Course cycliste des Côtes de Saint-Rémy", "place": "Place de l'église, départ et arrivée",
        "description": "La course du club et des centres sociaux : 60 coureurs, un circuit de 12 km à sécuriser à "
                       "chaque carrefour, une buvette à l'arrivée. Gilets et drapeaux fournis.",
        "commune_code": SAINT_REMY}, co_organizers=[centres])
    race_day = _sunday_after(today + timedelta(days=9))
    signaleur = services.add_shift(admins["velo"], race, race_day, time(8), time(12), "signaleur", 20,
                                   "signalisation; gilet fourni")
    services.add_shift(admins["velo"], race, race_day, time(11), time(15), "buvette", 6, "buvette; caisse")
    services.add_shift(admins["velo"], race, race_day, time(7), time(9), "navette des coureurs", 2,
                       "conduite minibus; permis B")
    services.add_shift(admins["velo"], race, race_day, time(15), time(17), "rangement", 8)
    services.sign_up(pool[0], signaleur)
    garden = services.create_event(admins["jardin"], jardin, {
        "title": "Portes ouvertes des Potagers", "place": "Jardin de la Grenouillère", "commune_code": CUSSET,
        "description": "Visites du jardin d'insertion, marché de légumes et atelier semis pour les enfants."},)
    open_day = _sunday_after(today + timedelta(days=20))
    services.add_shift(admins["jardin"], garden, open_day, time(9, 30), time(12, 30), "accueil des visiteurs", 4,
                       "accueil du public")
    services.add_shift(admins["jardin"], garden, open_day, time(14), time(18), "atelier semis", 3, "jardinage")
    _past_ride(admins["velo"], velo, find_user(volunteer_email), pool, today)
    return [race, garden]


def _past_ride(admin, velo, volunteer, pool, today: date) -> None:
    """Last autumn's ride: the demo volunteer and Dominique came; the club confirmed 4 h each."""
    ride = services.create_event(admin, velo, {"title": "Randonnée d'automne des Pignons", "commune_code": "03043",
                                               "place": "Salle des fêtes de Broût-Vernet"})
    day = today - timedelta(days=40)
    before = utcnow() - timedelta(days=45)
    shift = services.add_shift(admin, ride, day, time(8), time(12), "ravitaillement", 6, "accueil", now=before)
    holds = [services.sign_up(person, shift, now=before) for person in (volunteer, pool[0])]
    services.record_attendance(admin, shift, {h.user_id: (True, 240) for h in holds})
