"""OpenAPI entries of the time bank's API, registered into /api/v1/openapi.json (market/api/registry.py)."""
from market.api.registry import register
from market.api.write_openapi import DATE_TIME, INTEGER, STRING, URL, _object, _op, _operation_id, _read, _ref
from market.timebank import api_schemas as bodies

BOOLEAN = {"type": "boolean"}
NULL_INT, NULL_TIME = {"type": ["integer", "null"]}, {"type": ["string", "null"], "format": "date-time"}
MINUTES = {"type": "integer", "description": "Minutes (60 : une heure)."}


def _list(item: str) -> dict:
    return _object({"items": {"type": "array", "items": _ref(item)}})


SCHEMAS = {
    "Skill": _object({"code": STRING, "label": STRING, "label_en": STRING, "description": STRING},
                     "Une compétence du référentiel du réseau."),
    "SkillList": _list("Skill"),
    "SkillRegisterEntry": _object({
        "skill": STRING, "skill_label": STRING, "name": STRING,
        "holder_kind": {"type": "string", "enum": ["org", "volunteer"]}, "commune": STRING,
        "level": {"type": "string", "enum": ["notions", "practised", "expert"]}, "remote": BOOLEAN,
        "on_site": BOOLEAN, "minutes_per_month": NULL_INT, "note": STRING,
        "url": {"type": ["string", "null"], "format": "uri", "description": "La fiche de la structure ; null pour "
                                                                           "un·e bénévole."}},
        "Qui sait faire quoi : une compétence déclarée par une structure ou un·e bénévole."),
    "SkillRegister": _list("SkillRegisterEntry"),
    "TimebankPost": _object({
        "id": INTEGER, "kind": {"type": "string", "enum": ["offer", "ask"]}, "skill": STRING, "title": STRING,
        "description": STRING, "minutes": MINUTES, "status": {"type": "string", "enum": ["open", "closed"]},
        "account": STRING, "slots": {"oneOf": [{"type": "null"}, _object({"capacity": INTEGER, "free": INTEGER})]},
        "created_at": DATE_TIME, "url": URL}, "Un coup de pouce proposé ou cherché."),
    "TimebankPostList": _list("TimebankPost"),
    "TimebankExchange": _object({
        "id": INTEGER, "post_id": INTEGER, "status": STRING, "giver": STRING, "receiver": STRING, "message": STRING,
        "scheduled_on": {"type": ["string", "null"], "format": "date"}, "minutes": NULL_INT,
        "place_in_line": {**NULL_INT, "description": "Rang sur la liste d'attente (waiting), sinon null."},
        "offer_expires_at": NULL_TIME, "credited_at": NULL_TIME, "created_at": DATE_TIME, "url": URL},
        "Un coup de pouce entre deux comptes : waiting (liste d'attente), requested, agreed, recorded, credited…"),
    "Workshop": _object({
        "id": INTEGER, "skill": STRING, "title": STRING, "description": STRING, "starts_at": DATE_TIME,
        "ends_at": DATE_TIME, "minutes": MINUTES, "place": STRING, "commune_code": {"type": ["string", "null"]},
        "video": {**BOOLEAN, "description": "Un lien de visioconférence, donné aux inscrit·es."},
        "capacity": INTEGER, "free": INTEGER, "notice_hours": INTEGER,
        "status": {"type": "string", "enum": ["open", "recorded", "cancelled"]}, "cancel_reason": STRING,
        "provider": STRING, "url": URL}, "Un atelier et ses places."),
    "WorkshopList": _list("Workshop"),
    "WorkshopSeat": _object({
        "id": INTEGER, "workshop_id": INTEGER, "status": STRING,
        "place": {"type": "string", "enum": ["held", "offered", "waiting", "done", "released", "lapsed"],
                  "description": "held : la place est à vous ; offered : une place libérée vous attend (à confirmer "
                                 "avant offer_expires_at) ; waiting : liste d'attente."},
        "place_in_line": NULL_INT, "account": STRING, "offer_expires_at": NULL_TIME,
        "video_url": {"type": ["string", "null"]}, "minutes": NULL_INT, "created_at": DATE_TIME, "url": URL}),
    "TimebankAccount": _object({
        "id": INTEGER, "name": STRING, "holder_kind": {"type": "string", "enum": ["organization", "volunteer"]},
        "balance_minutes": INTEGER, "hard_floor": NULL_INT, "hard_ceiling": NULL_INT, "soft_floor": NULL_INT,
        "soft_ceiling": NULL_INT, "warning": {"type": ["string", "null"], "description": "Au-delà d'un seuil "
                                                                                         "d'alerte, la phrase du site."}}),
    "TimebankAccountList": _list("TimebankAccount"),
    "TimebankMovements": _object({"account": _ref("TimebankAccount"), "items": {"type": "array", "items": _object({
        "entry_id": INTEGER, "at": DATE_TIME, "kind": {"type": "string", "enum": ["movement", "correction", "welcome"]},
        "memo": STRING, "minutes": {"type": "integer", "description": "Positif : gagné ; négatif : payé."},
        "balance_after": INTEGER, "with": {"type": "array", "items": STRING}, "reason": STRING,
        "reversed": BOOLEAN})}}, "Les mouvements d'un de vos comptes, du plus récent au plus ancien."),
    "TimebankPostBody": bodies.POST, "TimebankRequestBody": bodies.REQUEST, "WorkshopBody": bodies.WORKSHOP,
    "WorkshopSeatBody": bodies.BOOK,
}

BAD = {"description": "Paramètre invalide ou inconnu : le message et `parameter` le nomment.",
       "content": {"application/json": {"schema": _ref("Error")}}}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


SKILL_Q = _query("skill", {"type": "string", "maxLength": 40}, "Code d'une compétence du référentiel.")


def _listing(summary: str, schema: str, *parameters, token=True) -> dict:
    operation = _read(summary, schema)
    operation["get"]["parameters"] = list(parameters)
    operation["get"]["responses"]["400"] = BAD  # an unknown parameter too
    if token:
        operation["get"]["security"] = [{"bearerAuth": []}]
    return operation


def _own(summary: str, schema: str, path_id: str) -> dict:
    operation = _read(summary, schema, path_id)
    operation["get"]["security"] = [{"bearerAuth": []}]
    return operation


STATE = "L'état ne permet plus cette action (complet, annulé, délai passé, limite de solde atteinte…)."
PATHS = {
    "/skills": _listing("Le référentiel des compétences du réseau.", "SkillList", token=False),
    "/skills/register": _listing(
        "Qui sait faire quoi : les compétences déclarées, cherchées comme les annonces (mots en français, accents, "
        "pluriels, synonymes).", "SkillRegister", _query("q", {"type": "string", "maxLength": 200}, "Mots cherchés."),
        SKILL_Q, _query("mode", {"type": "string", "enum": ["remote", "on_site", ""]}, "À distance ou sur place.")),
    "/timebank/posts": {**_listing("Les coups de pouce proposés ou cherchés.", "TimebankPostList",
                                   _query("kind", {"type": "string", "enum": ["offer", "ask", ""]}, "Offre ou demande."),
                                   SKILL_Q),
                        "post": _op("Proposer ou chercher un coup de pouce (n créneaux, facultatif).",
                                    (201, "TimebankPost"), "TimebankPost", creates=True, found=False, conflict=STATE)},
    "/timebank/posts/{post_id}": _own("Un coup de pouce.", "TimebankPost", "post_id"),
    "/timebank/posts/{post_id}/close": {"post": _op("Ne plus proposer un de vos coups de pouce.", (200, "TimebankPost"),
                                                    "Empty", False, "post_id")},
    "/timebank/posts/{post_id}/requests": {"post": _op(
        "Demander un coup de pouce (un créneau, ou la liste d'attente quand tous sont pris) ou proposer son aide.",
        (201, "TimebankExchange"), "TimebankRequest", path_id="post_id", creates=True, conflict=STATE)},
    "/timebank/exchanges/{exchange_id}": _own("Un de vos coups de pouce.", "TimebankExchange", "exchange_id"),
    "/timebank/exchanges/{exchange_id}/cancel": {"post": _op(
        "Annuler une demande ou un coup de pouce convenu (le créneau passe à la personne suivante).",
        (200, "TimebankExchange"), "Empty", False, "exchange_id", STATE)},
    "/workshops": {**_listing("Les ateliers à venir.", "WorkshopList", SKILL_Q),
                   "post": _op("Proposer un atelier.", (201, "Workshop"), "Workshop", creates=True, found=False)},
    "/workshops/{workshop_id}": _own("Un atelier.", "Workshop", "workshop_id"),
    "/workshops/{workshop_id}/cancel": {"post": _op("Annuler un de vos ateliers, avec la raison (chaque inscrit·e "
                                                    "est prévenu·e).", (200, "Workshop"), "Reason",
                                                    path_id="workshop_id", conflict=STATE)},
    "/workshops/{workshop_id}/seats": {"post": _op(
        "Réserver une place (ou la liste d'attente quand c'est complet) : jamais plus de places que la capacité.",
        (201, "WorkshopSeat"), "WorkshopSeat", False, "workshop_id", STATE, creates=True)},
    "/workshop-seats/{seat_id}": _own("Une de vos places d'atelier.", "WorkshopSeat", "seat_id"),
    "/workshop-seats/{seat_id}/cancel": {"post": _op("Libérer sa place (jusqu'au délai d'annulation) ou quitter la "
                                                     "liste d'attente.", (200, "WorkshopSeat"), "Empty", False,
                                                     "seat_id", STATE)},
    "/workshop-seats/{seat_id}/confirm": {"post": _op("Confirmer la place libérée qui vous est proposée.",
                                                      (200, "WorkshopSeat"), "Empty", False, "seat_id", STATE)},
    "/timebank/account": _listing("Vos comptes de temps (le vôtre, ceux de vos structures) et leur solde.",
                                  "TimebankAccountList"),
    "/timebank/accounts/{account_id}/movements": _own("Les mouvements d'un de vos comptes.", "TimebankMovements",
                                                      "account_id"),
}
for _path, _operations in PATHS.items():
    for _method, _operation in _operations.items():
        _operation["operationId"] = _operation_id(_path, _method)


def _links(path: str, parameter: str, targets: dict) -> None:
    """A creation's follow-up operations (schemathesis' stateful phase walks them)."""
    links = PATHS[path]["post"]["responses"]["201"].setdefault("links", {})
    for name, (target, method) in targets.items():
        links[name] = {"operationId": _operation_id(target, method), "parameters": {parameter: "$response.body#/id"}}


_links("/timebank/posts", "post_id", {"GetPost": ("/timebank/posts/{post_id}", "get"),
                                      "ClosePost": ("/timebank/posts/{post_id}/close", "post"),
                                      "RequestPost": ("/timebank/posts/{post_id}/requests", "post")})
_links("/timebank/posts/{post_id}/requests", "exchange_id", {
    "GetExchange": ("/timebank/exchanges/{exchange_id}", "get"),
    "CancelExchange": ("/timebank/exchanges/{exchange_id}/cancel", "post")})
_links("/workshops", "workshop_id", {"GetWorkshop": ("/workshops/{workshop_id}", "get"),
                                     "BookWorkshop": ("/workshops/{workshop_id}/seats", "post"),
                                     "CancelWorkshop": ("/workshops/{workshop_id}/cancel", "post")})
_links("/workshops/{workshop_id}/seats", "seat_id", {"GetSeat": ("/workshop-seats/{seat_id}", "get"),
                                                      "CancelSeat": ("/workshop-seats/{seat_id}/cancel", "post"),
                                                      "ConfirmSeat": ("/workshop-seats/{seat_id}/confirm", "post")})

register(PATHS, SCHEMAS)
