"""Demo coups de pouce: the groupement's juriste offers hours, a few skills offered and asked, hours exchanged."""
from datetime import timedelta

from market.auth.services import find_user
from market.timebank import services
from market.types import utcnow

# (org key or "volunteer", kind, skill, title, description, minutes)
POSTS = [
    ("ge", "offer", "legal", "Une heure de juriste : statuts, contrats, règlement intérieur",
     "Notre juriste donne quatre coups de pouce d'une heure ce mois-ci, au téléphone ou dans vos locaux.", 60),
    ("cinema", "offer", "communication", "Votre affiche en deux heures",
     "Nous montons avec vous une affiche simple et lisible pour votre prochaine manifestation.", 120),
    ("centres", "ask", "accounting", "Préparer notre bilan annuel",
     "Un regard de comptable sur notre bilan avant l'assemblée générale.", 180),
    ("volunteer", "offer", "it", "Installer et régler vos ordinateurs",
     "Retraité·e, je viens installer une imprimante, sauvegarder vos fichiers, régler la messagerie.", 60),
]


def load(admins: dict, organizations: dict, volunteer_email: str) -> None:
    """Posts, one exchange whose hours are counted (the centres paid Ciné-Grillon 2 h) and one awaiting the
    SEL's confirmation (Sacha gave 1 h)."""
    volunteer = find_user(volunteer_email)
    posts = {}
    for key, kind, skill, title, description, minutes in POSTS:
        author, holder = (volunteer, volunteer) if key == "volunteer" else (admins[key], organizations[key])
        posts[key] = services.create_post(author, holder, kind, skill, title, description, minutes)
    poster = services.respond(admins["centres"], posts["cinema"], organizations["centres"],
                              "Pour la fête de quartier de juin.", None)
    services.act(admins["cinema"], poster, "accept")
    services.act(admins["cinema"], poster, "record", minutes=120, now=utcnow() - timedelta(days=5))
    services.act(admins["centres"], poster, "confirm")
    computers = services.respond(admins["sel"], posts["volunteer"], organizations["sel"],
                                 "Notre ordinateur portable ne trouve plus l'imprimante.", None)
    services.act(volunteer, computers, "accept")
    services.act(volunteer, computers, "record", minutes=60)
