"""A small fictional network for the journeys, built through the real services and committed."""
from dataclasses import dataclass

from tests.factories import CUSSET, GANNAT, VICHY, make_coordinator, make_listing, make_org, make_user


@dataclass
class Network:
    coordinator: object
    cinema_admin: object
    cinema: object
    league_admin: object
    league: object
    sono: object  # offer, equipment, loan, Vichy
    room: object  # offer, premises, rent, Cusset
    accountant: object  # need, skill, Gannat
    driver: object  # need, volunteering, urgent, Vichy


def seed_network() -> Network:
    coordinator = make_coordinator()
    cinema_admin = make_user("cinema@example.org", "Claire Cinéma")
    cinema = make_org(cinema_admin, "Cinéma du Bourbonnais", commune=VICHY, email="contact@cinema.example.org")
    league_admin = make_user("ligue@example.org", "Louis Ligue")
    league = make_org(league_admin, "Ligue de l'enseignement du Bassin", commune=GANNAT,
                      legal_form="association", sectors="éducation populaire")
    sono = make_listing(cinema_admin, cinema, title="Sonorisation portable 200 W")
    room = make_listing(league_admin, league, category="premises", terms="rent", price_cents=5000,
                        commune_code=CUSSET, title="Salle polyvalente de 80 places",
                        description="Une salle claire avec cuisine, accessible de plain-pied.", tags="salle; cuisine",
                        capacity=80)
    accountant = make_listing(league_admin, league, kind="need", category="skill", terms="free",
                              commune_code=GANNAT, title="Comptable pour relire nos comptes annuels",
                              description="Nous cherchons un coup de pouce pour la clôture des comptes.",
                              tags="comptabilité", skill_domain="accounting")
    driver = make_listing(cinema_admin, cinema, kind="need", category="volunteering", terms="free", urgent=True,
                          title="Chauffeur bénévole pour la tournée de demain",
                          description="Conduire le minibus du ciné-club entre Vichy et Cusset, accueil du public.",
                          tags="conduite; accueil", people_needed=1)
    return Network(coordinator, cinema_admin, cinema, league_admin, league, sono, room, accountant, driver)
