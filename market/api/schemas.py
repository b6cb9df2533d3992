"""JSON schemas of the writing API's request bodies: the API validates with them and the OpenAPI document shows them."""
from market.listings.models import CATEGORIES, CONDITIONS, KINDS, SKILL_DOMAINS, TERMS
from market.listings.queries import RADII_KM
from market.matching.models import FREQUENCIES

DATE = {"type": "string", "format": "date", "description": "AAAA-MM-JJ."}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "description": "HH:MM, heure de Paris."}


def text(max_length: int, description: str = "", min_length: int = 0) -> dict:
    schema = {"type": "string", "maxLength": max_length}
    if min_length:
        schema["minLength"] = min_length
    if description:
        schema["description"] = description
    return schema


def nullable(schema: dict) -> dict:
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    out = {**schema, "type": [*types, "null"]}
    if "enum" in schema:
        out["enum"] = [*schema["enum"], None]
    return out


def enum(values) -> dict:
    return {"type": "string", "enum": list(values)}


def integer(minimum: int, maximum: int, description: str = "") -> dict:
    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    if description:
        schema["description"] = description
    return schema


def body(properties: dict, required=(), description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


LABELS = {"type": "array", "maxItems": 30, "items": text(60)}
ORGANIZATION = nullable(text(140, "Identifiant (slug) de la structure au nom de laquelle agir ; null : à titre "
                                  "personnel. Par défaut : la structure du jeton, sinon la première des vôtres."))

LISTING_FIELDS = {
    "kind": enum(KINDS), "category": enum(CATEGORIES), "title": text(140, min_length=1),
    "description": text(5000, min_length=1),
    "commune": text(100, "Nom de commune, code postal ou code INSEE (« Vichy », « 03200 », « 03310 »).", 1),
    "terms": enum(TERMS), "price_cents": nullable(integer(0, 100_000_000, "Prix en centimes (location, vente).")),
    "quantity": integer(1, 10_000), "available_from": nullable(DATE), "available_until": nullable(DATE),
    "tags": LABELS, "urgent": {"type": "boolean", "description": "Besoins seulement."},
    "expires_on": nullable(DATE),
    "condition": nullable(enum(CONDITIONS)), "deposit_cents": nullable(integer(0, 100_000_000)),
    "capacity": nullable(integer(1, 100_000)), "surface_m2": nullable(integer(1, 100_000)),
    "step_free": {"type": ["boolean", "null"]}, "amenities": LABELS,
    "skill_domain": nullable(enum(SKILL_DOMAINS)), "remote": {"type": ["boolean", "null"]},
    "people_needed": nullable(integer(1, 1000)), "schedule": text(200),
}
LISTING_CREATE = body({"organization": ORGANIZATION, **LISTING_FIELDS,
                       "submit": {"type": "boolean", "default": True,
                                  "description": "false : garder en brouillon ; true (défaut) : publier, ou "
                                                 "envoyer à la modération pour une structure pas encore vérifiée."}},
                      required=("kind", "category", "title", "description", "commune"),
                      description="Une offre ou un besoin, avec les mêmes règles que le formulaire du site.")
LISTING_CREATE["examples"] = [{"kind": "offer", "category": "equipment", "title": "Sonorisation portable 200 W",
                               "description": "Deux micros, prêtée pour vos manifestations.", "commune": "Vichy",
                               "terms": "loan", "tags": ["sono", "micro"]}]
LISTING_UPDATE = body(LISTING_FIELDS, description="Les champs à changer ; les autres restent tels quels.")
CLOSE = body({"reason": enum(("fulfilled", "withdrawn"))}, required=("reason",))
EMPTY = body({})

MESSAGE = body({"body": text(5000, min_length=1)}, required=("body",))
CONTACT = body({"organization": ORGANIZATION, "body": text(5000, min_length=1)}, required=("body",))
CONTACT["examples"] = [{"body": "Bonjour, la sono serait-elle libre samedi 12 ?"}]
MESSAGE["examples"] = [{"body": "Merci, nous passons la prendre vendredi à 18 h."}]
REASON = body({"reason": text(2000, min_length=1)}, required=("reason",))
BOOKING = body({"organization": ORGANIZATION, "day": DATE, "start": TIME, "end": TIME,
                "end_day": nullable(DATE), "attendees": nullable(integer(1, 100_000)), "message": text(2000)},
               required=("day", "start", "end"))
LOAN = body({"organization": ORGANIZATION, "quantity": integer(1, 10_000), "starts_on": DATE, "due_on": DATE,
             "message": text(2000)}, required=("quantity", "starts_on", "due_on"))
LOAN_ACCEPT = body({"deposit_cents": nullable(integer(0, 100_000_000))})
SAVED_SEARCH = body({"name": text(120), "frequency": enum(FREQUENCIES), "q": text(200),
                     "kind": enum(KINDS), "category": enum(CATEGORIES), "terms": enum(TERMS),
                     "commune": text(100), "radius_km": enum(tuple(str(km) for km in RADII_KM)),
                     "organization": text(140), "urgent": {"type": "boolean"}})
DISMISSAL = body({"other_id": integer(1, 2**31 - 1, "L'annonce suggérée à ne plus proposer.")},
                 required=("other_id",))
AGREEMENT = body({"title": text(200, min_length=1), "scheduled_on": DATE, "time_note": text(100),
                  "minutes": integer(15, 14 * 24 * 60, "Durée en minutes (90 : une heure et demie).")},
                 required=("title", "scheduled_on", "minutes"))
DONE = body({"note": text(1000, "Un mot de remerciement, visible sur la fiche de l'autre structure.")})
