"""Demo of the time bank: the groupement's juriste offers four 1-hour coups de pouce, a few skills offered and
asked, hours exchanged; the skills register of a dozen members; a 6-seat workshop with seats already taken."""
from datetime import datetime, time, timedelta

from flask import current_app

from market.auth.services import find_user
from market.timebank import services, skills, workshops
from market.timebank.rules import PARIS
from market.types import utcnow

# (org key or "volunteer", kind, skill, title, description, minutes, slots)
POSTS = [
    ("ge", "offer", "legal", "Une heure de juriste : statuts, contrats, règlement intérieur",
     "Notre juriste donne quatre coups de pouce d'une heure ce mois-ci, au téléphone ou dans vos locaux.", 60, 4),
    ("cinema", "offer", "communication", "Votre affiche en deux heures",
     "Nous montons avec vous une affiche simple et lisible pour votre prochaine manifestation.", 120, None),
    ("centres", "ask", "accounting", "Préparer notre bilan annuel",
     "Un regard de comptable sur notre bilan avant l'assemblée générale.", 180, None),
    ("volunteer", "offer", "it", "Installer et régler vos ordinateurs",
     "Retraité·e, je viens installer une imprimante, sauvegarder vos fichiers, régler la messagerie.", 60, None),
]

# (org key or "volunteer", skill, level, remote, on_site, hours per month, what they can do)
SKILLS = [
    ("ge", "legal", "expert", True, True, 4, "Statuts d'association, contrats de travail, règlement intérieur."),
    ("ge", "accounting", "expert", True, False, 4, "Paie, bilan annuel, budget prévisionnel."),
    ("ge", "communication", "practised", True, True, 2, "Lettre d'information, réseaux sociaux."),
    ("cinema", "communication", "practised", False, True, 2, "Affiches, programmes, mise en page."),
    ("centres", "facilitation", "expert", False, True, 6, "Animation de réunions et d'assemblées générales."),
    ("centres", "funding", "practised", True, True, 3, "Dossiers de subvention CAF et départementaux."),
    ("mfr", "languages", "practised", True, True, 2, "Anglais et espagnol : traduction de documents courts."),
    ("mutuelle", "accounting", "practised", True, False, 2, "Relecture de comptes annuels, trésorerie."),
    ("sel", "technical", "practised", False, True, 4, "Petits dépannages électriques, bricolage."),
    ("galerie", "communication", "expert", True, True, 2, "Graphisme, identité visuelle, photographie."),
    ("interco", "funding", "expert", True, True, 2, "Appels à projets européens (LEADER), fonds publics."),
    ("volunteer", "it", "practised", True, True, 6, "Installation d'ordinateurs, sauvegardes, messagerie."),
]

WORKSHOP = {"holder": "centres", "skill": "funding", "title": "Rédiger sa demande de subvention",
            "description": "Deux heures pour construire le budget d'un projet et remplir le dossier CERFA, "
                           "avec vos propres dossiers. Apportez un ordinateur portable si vous en avez un.",
            "place": "Salle du conseil, maison des associations, Cusset", "commune_code": "03095",
            "capacity": 6, "in_days": 9, "start": time(14, 0), "end": time(16, 0), "notice_hours": 24}
WORKSHOP_BOOKED = ("cinema", "braille", "jardin", "aide")  # 4 of the 6 seats taken: 2 left for the demo


def load(admins: dict, organizations: dict, volunteer_email: str) -> None:
    """Posts, one exchange whose hours are counted (the centres paid Ciné-Grillon 2 h), one awaiting the SEL's
    confirmation (Sacha gave 1 h), the skills register and the workshop."""
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        _load(admins, organizations, find_user(volunteer_email))


def _load(admins, organizations, volunteer) -> None:
    def who(key):
        return (volunteer, volunteer) if key == "volunteer" else (admins[key], organizations[key])
    posts = {}
    for key, kind, skill, title, description, minutes, slots in POSTS:
        author, holder = who(key)
        posts[key] = services.create_post(author, holder, kind, skill, title, description, minutes, slots)
    poster = services.respond(admins["centres"], posts["cinema"], organizations["centres"],
                              "Pour la fête de quartier de juin.", None)
    services.act(admins["cinema"], poster, "accept")
    services.act(admins["cinema"], poster, "record", minutes=120, now=utcnow() - timedelta(days=5))
    services.act(admins["centres"], poster, "confirm")
    computers = services.respond(admins["sel"], posts["volunteer"], organizations["sel"],
                                 "Notre ordinateur portable ne trouve plus l'imprimante.", None)
    services.act(volunteer, computers, "accept")
    services.act(volunteer, computers, "record", minutes=60)
    for key, skill, level, remote, on_site, hours, note in SKILLS:
        author, holder = who(key)
        skills.declare(author, holder, skill, level, remote, on_site, hours * 60, note)
    day = (datetime.now(PARIS) + timedelta(days=WORKSHOP["in_days"])).date()
    author, holder = who(WORKSHOP["holder"])
    workshop = workshops.create_workshop(author, holder, {**WORKSHOP, "day": day})
    for key in WORKSHOP_BOOKED:
        workshops.book(admins[key], workshop, organizations[key])
