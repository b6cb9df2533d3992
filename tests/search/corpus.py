"""A small, realistic corpus of the network's listings (fictional organisations, real communes)."""
from types import SimpleNamespace

from tests.factories import CUSSET, GANNAT, VICHY, make_listing, make_org, make_user

LISTINGS = [
    # key, organisation, values
    ("sono", "cinema", dict(title="Sonorisation portable 200 W", description="Une sono avec deux micros, prêtée pour vos manifestations.",
                            tags="sono; micro", commune_code=VICHY)),
    ("benevoles_sono", "centre", dict(kind="need", category="volunteering", title="Bénévoles pour tenir la sono de la fête",
                                      description="Deux bénévoles pour installer les enceintes et la table de mixage le 21 juin.",
                                      tags="fête de la musique", commune_code=CUSSET, terms="free",
                                      people_needed=2, schedule="21 juin, 16 h – 23 h")),
    ("benevoles_accueil", "centre", dict(kind="need", category="volunteering", title="Bénévoles pour l'accueil du festival",
                                         description="Accueillir le public, tenir la billetterie.", tags="festival; accueil",
                                         commune_code=VICHY, terms="free", urgent=True)),
    ("salle_gannat", "amap", dict(category="premises", title="Salle de réunion de 30 places",
                                  description="Au rez-de-chaussée, accessible, avec tables et chaises.",
                                  tags="réunion", commune_code=GANNAT, terms="rent", price_cents=3000,
                                  capacity=30, amenities="vidéoprojecteur; wifi; cuisine", step_free=True)),
    ("salle_fetes", "amap", dict(category="premises", title="Salle des fêtes du bourg",
                                 description="Grande salle pour vos repas, spectacles et parfois une réunion publique.",
                                 tags="fêtes", commune_code=GANNAT, terms="rent", price_cents=15000, capacity=150)),
    ("salle_vichy", "centre", dict(category="premises", title="Salle de réunion au centre social",
                                   description="Petite salle de réunion prêtée en soirée.", tags="réunion",
                                   commune_code=VICHY, terms="loan", capacity=12)),
    ("videoproj", "cinema", dict(title="Vidéoprojecteur et écran", description="Projecteur HD avec câble HDMI.",
                                 tags="vidéo; projection", commune_code=CUSSET)),
    ("compta", "gec", dict(category="skill", title="Aide en comptabilité associative",
                           description="Une comptable bénévole vous aide à clôturer vos comptes annuels.",
                           tags="bilan; budget", commune_code=VICHY, terms="free", skill_domain="accounting", remote=True)),
    ("graphisme", "gec", dict(category="skill", title="Graphisme pour vos affiches",
                              description="Conception d'affiches et de flyers pour vos événements.",
                              tags="affiche; flyer", commune_code=CUSSET, terms="exchange", skill_domain="communication")),
    ("ordinateurs", "amap", dict(kind="need", category="equipment", title="Ordinateurs portables pour l'atelier numérique",
                                 description="Nous cherchons trois ordinateurs, même anciens.", tags="informatique",
                                 commune_code=GANNAT, terms="free", quantity=3)),
    ("barnum", "centre", dict(title="Barnum 3 × 3 m", description="Tente pliante pour vos marchés.",
                              tags="tente; marché", commune_code=CUSSET)),
    ("chaises", "cinema", dict(kind="need", title="Chaises pliantes pour une assemblée générale",
                               description="Il nous manque 40 chaises.", tags="chaises", commune_code=VICHY, quantity=40)),
]

ORGS = {
    "cinema": dict(name="Cinéma du Bourbonnais", commune=VICHY),
    "centre": dict(name="Centre social des Ailes", commune=CUSSET, sectors="social; animation"),
    "amap": dict(name="AMAP du Val de Sioule", commune=GANNAT, sectors="alimentation"),
    "gec": dict(name="Groupement d'employeurs Sioule Allier", commune=VICHY, sectors="emploi"),
}


def build():
    """Publish the corpus through the real services; returns .user, .orgs[key], .listings[key]."""
    user = make_user("corpus@example.org", "Dominique Réseau")
    orgs = {key: make_org(user, **values) for key, values in ORGS.items()}
    listings = {key: make_listing(user, orgs[org], **values) for key, org, values in LISTINGS}
    return SimpleNamespace(user=user, orgs=orgs, listings=listings)
