"""JSON schemas of the time bank's request bodies (validated by the API, shown in the OpenAPI document)."""
from market.api.schemas import DATE, TIME, body, integer, nullable, text
from market.timebank import rules

ORGANIZATION = nullable(text(140, "Identifiant (slug) de la structure au nom de laquelle agir (son compte donne ou "
                                  "paie les heures) ; null : à titre personnel, comme bénévole. Par défaut : la "
                                  "première de vos structures."))
SKILL = text(40, "Code d'une compétence du référentiel (GET /skills).", 1)
EMPTY = body({})
POST = body({"organization": ORGANIZATION, "kind": {"type": "string", "enum": ["offer", "ask"]}, "skill": SKILL,
             "title": text(160, min_length=1), "description": text(3000),
             "minutes": integer(15, 12 * 60, "Durée prévue en minutes (90 : une heure et demie)."),
             "slots": nullable(integer(1, rules.MAX_SLOTS, "Pour une offre : le nombre de coups de pouce donnés "
                                                           "(créneaux) ; les suivants attendent leur tour."))},
            required=("kind", "skill", "title", "minutes"), description="Un coup de pouce proposé ou cherché.")
POST["examples"] = [{"kind": "offer", "skill": "legal", "title": "Une heure de juriste : vos statuts",
                     "minutes": 60, "slots": 4}]
REQUEST = body({"organization": ORGANIZATION, "message": text(2000, min_length=1), "scheduled_on": nullable(DATE)},
               required=("message",), description="Demander un coup de pouce proposé (un créneau, ou la liste "
                                                   "d'attente), ou proposer son aide pour un coup de pouce cherché.")
WORKSHOP = body({"organization": ORGANIZATION, "skill": SKILL, "title": text(160, min_length=1),
                 "description": text(5000), "day": DATE, "start": TIME, "end": TIME, "place": text(200),
                 "commune": text(100, "Nom de commune ou code postal (facultatif)."),
                 "video_url": text(300, "Lien de visioconférence (https://…), si pas de lieu."),
                 "capacity": integer(1, rules.MAX_SEATS, "Nombre de places."),
                 "notice_hours": integer(0, 14 * 24, "Annulation possible jusqu'à tant d'heures avant le début.")},
                required=("skill", "title", "day", "start", "end", "capacity"),
                description="Un atelier : une date, un lieu ou un lien, des places.")
WORKSHOP["examples"] = [{"skill": "funding", "title": "Rédiger sa demande de subvention", "day": "2027-03-12",
                         "start": "14:00", "end": "16:00", "place": "Maison des associations, Cusset", "capacity": 6}]
BOOK = body({"organization": ORGANIZATION}, description="Réserver une place (ou la liste d'attente si c'est complet).")
REASON = body({"reason": text(2000, min_length=1)}, required=("reason",))
