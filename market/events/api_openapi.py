"""OpenAPI entries of the events API (market/events/api.py), registered into /api/v1/openapi.json."""
from market.api.registry import register
from market.api.write_openapi import ERROR, _object, _op, _operation_id, _read, _ref
from market.places.models import HoldStatus

STRING, INTEGER = {"type": "string"}, {"type": "integer"}
URL = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601, UTC (Z)."}
MAYBE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
MAYBE_INTEGER = {"type": ["integer", "null"]}
STATUS = {"type": "string", "enum": list(HoldStatus.ALL),
          "description": "held : inscrit(e) ; waiting : en liste d'attente ; offered : une place libérée vous est "
                         "proposée, à confirmer avant confirm_before ; done : présence confirmée ; released : "
                         "annulée ; lapsed : place proposée non confirmée à temps."}


def _list(item: str, **extra) -> dict:
    return _object({"items": {"type": "array", "items": _ref(item)}, **extra})


SHIFT = _object({"id": INTEGER, "event_id": INTEGER, "role": STRING, "skills": {"type": "array", "items": STRING},
                 "starts_at": DATE_TIME, "ends_at": DATE_TIME, "minutes": {"type": "integer", "minimum": 0},
                 "capacity": {"type": "integer", "minimum": 1}, "free": {"type": "integer", "minimum": 0},
                 "url": URL}, "Un créneau d'une manifestation : une mission, des horaires, des places.")
HOURS_ITEM = _object({"shift_id": INTEGER, "event_id": INTEGER, "event": STRING, "role": STRING,
                      "starts_at": DATE_TIME, "volunteer": STRING, "minutes": {"type": "integer", "minimum": 0}})

SCHEMAS = {
    "EventShift": SHIFT,
    "Event": _object({"id": INTEGER, "title": STRING, "description": STRING, "place": STRING, "commune": STRING,
                      "commune_code": STRING, "status": {"type": "string", "enum": ["published", "cancelled"]},
                      "organizers": {"type": "array", "items": _object({"slug": STRING, "name": STRING})},
                      "starts_at": MAYBE_DATE_TIME, "ends_at": MAYBE_DATE_TIME, "url": URL,
                      "shifts": {"type": "array", "items": _ref("EventShift")}},
                     "Une manifestation d'une ou plusieurs structures et ses créneaux de bénévoles."),
    "EventList": _list("Event", total=INTEGER, page=INTEGER, per_page=INTEGER),
    "SignUp": _object({"id": INTEGER, "shift_id": INTEGER, "event_id": INTEGER, "status": STATUS,
                       "position": {**MAYBE_INTEGER, "description": "Rang en liste d'attente (null sinon)."},
                       "confirm_before": MAYBE_DATE_TIME, "created_at": DATE_TIME, "shift": _ref("EventShift")},
                      "L'inscription d'un·e bénévole à un créneau."),
    "SignUpList": _list("SignUp"),
    "Roster": _object({"event_id": INTEGER, "title": STRING, "shifts": {"type": "array", "items": _object({
        "shift": _ref("EventShift"), "volunteers": {"type": "array", "items": _object({
            "signup_id": INTEGER, "name": STRING, "email": STRING, "status": STATUS, "position": MAYBE_INTEGER})}})}},
        "L'équipe de chaque créneau, pour les organisateurs."),
    "VolunteerHoursItem": HOURS_ITEM,
    "VolunteerHours": _object({"total_minutes": {"type": "integer", "minimum": 0},
                               "items": {"type": "array", "items": _ref("VolunteerHoursItem")}}),
    "OrganizationVolunteerHours": _object({
        "organization": STRING, "year": {"type": ["integer", "null"]}, "total_minutes": {"type": "integer", "minimum": 0},
        "volunteers": {"type": "integer", "minimum": 0}, "hourly_rate_cents": INTEGER,
        "valuation_cents": {"type": "integer", "minimum": 0}, "method": STRING,
        "items": {"type": "array", "items": _ref("VolunteerHoursItem")}},
        "Les heures confirmées des manifestations (co-)organisées, leur valorisation et sa méthode."),
}

FORBIDDEN = {"description": "Réservé aux organisateurs (ou aux membres de la structure).", **ERROR}
STATE = "L'inscription ne le permet plus (déjà annulée, place plus proposée, créneau commencé…)."


_events = _read("Les manifestations à venir et leurs créneaux, les plus proches d'abord.", "EventList")
_events["get"]["parameters"] = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
_events["get"]["responses"]["400"] = {"description": "Paramètre refusé.", **ERROR}
_slug = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
_org_hours = _read("Les heures de bénévolat d'une de vos structures, valorisées (méthode écrite).",
                   "OrganizationVolunteerHours")
_org_hours["get"]["parameters"] += [_slug, {
    "name": "year", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 2000, "maximum": 2100},
    "description": "Une année civile (heure de Paris) : le rapport annuel ; sans elle, toutes les heures."}]
_org_hours["get"]["responses"].update({"404": {"description": "Structure introuvable.", **ERROR}, "403": FORBIDDEN,
                                       "400": {"description": "Paramètre refusé.", **ERROR}})

PATHS = {
    "/events": _events,
    "/events/{event_id}": _read("Une manifestation et ses créneaux.", "Event", "event_id"),
    "/shifts/{shift_id}": _read("Un créneau et ses places libres.", "EventShift", "shift_id"),
    "/shifts/{shift_id}/signups": {"post": _op(
        "S'inscrire à un créneau (liste d'attente s'il est complet ; refusé s'il chevauche un de vos créneaux).",
        (201, "SignUp"), "Empty", False, "shift_id", "Déjà inscrit(e), chevauchement avec un de vos créneaux, ou "
        "créneau commencé.", creates=True)},
    "/signups/{signup_id}": _read("Une de vos inscriptions (ou, pour un organisateur, une de son équipe).", "SignUp",
                                  "signup_id"),
    "/signups/{signup_id}/cancel": {"post": _op("Annuler une inscription : la place est proposée à la personne "
                                                "suivante.", (200, "SignUp"), "Empty", False, "signup_id", STATE)},
    "/signups/{signup_id}/confirm": {"post": _op("Confirmer la place libérée qui vous est proposée.", (200, "SignUp"),
                                                 "Empty", False, "signup_id", STATE)},
    "/my/signups": _read("Vos inscriptions à venir (inscrit, liste d'attente, place proposée).", "SignUpList"),
    "/events/{event_id}/roster": _read("L'équipe de chaque créneau (organisateurs seulement).", "Roster", "event_id"),
    "/my/hours": _read("Vos heures de bénévolat confirmées.", "VolunteerHours"),
    "/organizations/{slug}/volunteer-hours": _org_hours,
}
PATHS["/events/{event_id}/roster"]["get"]["responses"]["403"] = FORBIDDEN

for _path, _operations in PATHS.items():
    for _method, _operation in _operations.items():
        _operation["operationId"] = _operation_id(_path, _method)

PATHS["/shifts/{shift_id}/signups"]["post"]["responses"]["201"]["links"] = {
    name: {"operationId": _operation_id(path, method), "parameters": {"signup_id": "$response.body#/id"}}
    for name, (path, method) in {"GetSignUp": ("/signups/{signup_id}", "get"),
                                 "CancelSignUp": ("/signups/{signup_id}/cancel", "post"),
                                 "ConfirmSignUp": ("/signups/{signup_id}/confirm", "post")}.items()}

register(PATHS, SCHEMAS)
