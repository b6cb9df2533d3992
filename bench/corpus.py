"""A reproducible (seeded) French corpus of listings for the search benchmark."""
import random

COMMUNES = ["03310", "03095", "03118", "03254", "03103", "03107", "03112", "03022", "03043", "03008", "03244",
            "10387", "86194"]
ORG_KINDS = ["Association", "Amicale", "Comité", "Centre social", "Foyer rural", "Coopérative", "Atelier",
             "Maison des jeunes", "Club", "Compagnie", "Jardin", "Ressourcerie", "Groupement d'employeurs"]
ORG_TOPICS = ["du cinéma", "de handisport", "des lecteurs braille", "de la fête", "du vélo", "de théâtre",
              "des jardins partagés", "de l'éducation populaire", "des arts", "de la musique", "de l'entraide",
              "du patrimoine", "des familles", "du sport adapté", "de la danse"]
PLACES = ["Sioule", "Bourbonnais", "Val d'Allier", "Montagne bourbonnaise", "Forterre", "Limagne", "Besbre"]

EQUIPMENT = ["sonorisation", "sono portable", "vidéoprojecteur", "écran de projection", "barnum", "tente",
             "chaises pliantes", "tables", "minibus", "remorque", "ordinateur portable", "imprimante",
             "photocopieuse", "réfrigérateur", "percolateur", "micro sans fil", "table de mixage", "projecteurs",
             "grilles d'exposition", "vélos", "fauteuil roulant", "matériel de camping", "gobelets réutilisables",
             "plancha", "friteuse", "éclairage scénique", "costumes", "instruments de musique", "jeux en bois",
             "panneaux d'affichage"]
PREMISES = ["salle de réunion", "salle des fêtes", "bureau partagé", "local de stockage", "atelier",
            "salle de répétition", "cuisine équipée", "résidence d'artistes", "salle polyvalente", "garage",
            "jardin", "salle de danse", "espace de coworking", "chambre froide"]
SKILLS = [("comptabilité", "accounting"), ("bilan annuel", "accounting"), ("paie", "accounting"),
          ("droit associatif", "legal"), ("statuts", "legal"), ("contrat de travail", "legal"),
          ("graphisme", "communication"), ("affiches", "communication"), ("site internet", "communication"),
          ("réseaux sociaux", "communication"), ("informatique", "it"), ("dépannage ordinateur", "it"),
          ("bricolage", "technical"), ("électricité", "technical"), ("plomberie", "technical"),
          ("demande de subvention", "fundraising"), ("mécénat", "fundraising"), ("traduction", "other")]
VOLUNTEERING = ["accueil du public", "buvette", "billetterie", "montage des stands", "tenir la sono",
                "encadrement sportif", "lecture à voix haute", "chauffeur", "atelier cuisine", "jardinage",
                "aide aux devoirs", "tri à la ressourcerie", "animation d'atelier", "photographie"]
AMENITIES = ["vidéoprojecteur", "wifi", "cuisine", "accès PMR", "parking", "chauffage", "sonorisation", "scène",
             "tables et chaises", "tableau blanc"]
FILLER = ["pour vos manifestations", "disponible le week-end", "en bon état", "prêt entre structures du réseau",
          "contactez-nous pour les modalités", "idéal pour les fêtes de village", "à récupérer sur place",
          "possibilité de livraison", "pour une assemblée générale", "pour la fête de la musique",
          "pendant les vacances scolaires", "avec notice d'utilisation", "caution demandée", "réservation à l'avance",
          "merci de le rendre propre", "nous pouvons aider à l'installation", "pour un festival d'été",
          "dans le cadre d'un projet solidaire", "accessible aux personnes à mobilité réduite", "en soirée"]
OFFER_VERBS = ["Prête", "Loue", "Propose", "Met à disposition", "Donne"]
NEED_VERBS = ["Cherche", "Besoin de", "Recherche", "Urgent : cherche"]
TERMS = {"equipment": ["loan", "loan", "free", "rent", "sale", "exchange"], "premises": ["rent", "loan", "free"],
         "skill": ["free", "exchange", "rent"], "volunteering": ["free"]}


def organizations(n, rng):
    out, seen = [], set()
    while len(out) < n:
        name = f"{rng.choice(ORG_KINDS)} {rng.choice(ORG_TOPICS)} {rng.choice(PLACES)}"
        if name in seen:
            name = f"{name} {len(out)}"
        seen.add(name)
        out.append({"name": name, "commune_code": rng.choice(COMMUNES)})
    return out


def listing(i, rng, n_orgs):
    category = rng.choices(["equipment", "premises", "skill", "volunteering"], [5, 2, 2, 2])[0]
    kind = rng.choice(["offer", "offer", "need"]) if category != "volunteering" else "need"
    verb = rng.choice(OFFER_VERBS if kind == "offer" else NEED_VERBS)
    extra = {"amenities": "", "skill_domain": None, "schedule": ""}
    if category == "equipment":
        thing = rng.choice(EQUIPMENT)
        tags = "; ".join(rng.sample(EQUIPMENT, 2))
    elif category == "premises":
        thing = rng.choice(PREMISES)
        tags = thing
        extra["amenities"] = "; ".join(rng.sample(AMENITIES, 3))
    elif category == "skill":
        thing, domain = rng.choice(SKILLS)
        tags, extra["skill_domain"] = thing, domain
    else:
        thing = f"bénévoles pour {rng.choice(VOLUNTEERING)}"
        tags = "bénévolat"
        extra["schedule"] = f"le {rng.randint(1, 28)} juin"
    description = f"{verb} {thing} {rng.choice(FILLER)}. " + " ".join(
        f"{rng.choice(FILLER).capitalize()}." for _ in range(rng.randint(2, 6)))
    return {"kind": kind, "category": category, "title": f"{verb} {thing}"[:140], "description": description,
            "tags": tags, "terms": rng.choice(TERMS[category]), "commune_code": rng.choice(COMMUNES),
            "urgent": rng.random() < 0.05, "org_index": rng.randrange(n_orgs), **extra}


QUERIES = ["sono", "sonorisation", "salle reunion", "salle", "videoprojecteur", "vidéoproj", "chaises", "barnum",
           "benevole", "benevoles buvette", "compta", "comptabilité", "graphisme", "affiches", "ordinateur",
           "minibus", "tente", "cuisine", "atelier", "informatique", "statuts association", "subvention",
           "jardin", "vélo", "fete musique", "projecteurs", "table mixage", "stockage", "coworking", "plomberie",
           "chauffeur", "accueil public", "costumes", "assemblée générale", "gobelets", "salle danse"]
CATEGORY_OF = {"salle reunion": "premises", "salle": "premises", "cuisine": "premises", "atelier": "premises",
               "stockage": "premises", "coworking": "premises", "salle danse": "premises", "jardin": "premises",
               "benevole": "volunteering", "benevoles buvette": "volunteering", "chauffeur": "volunteering",
               "accueil public": "volunteering", "compta": "skill", "comptabilité": "skill", "graphisme": "skill",
               "affiches": "skill", "informatique": "skill", "statuts association": "skill",
               "subvention": "skill", "plomberie": "skill"}


def queries(n, rng):
    """(words, category) pairs: what people type, with the category filter the page adds."""
    out = []
    for _ in range(n):
        q = rng.choice(QUERIES)
        out.append((q, CATEGORY_OF.get(q, "equipment")))
    return out
