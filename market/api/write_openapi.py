"""OpenAPI entries of the writing API (listings, conversations, bookings, loans, saved searches, dismissals)."""
from market.api import schemas as bodies
from market.api.openapi import LISTING
from market.api.registry import register
from market.listings.rules import STATUSES

STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
DATE_TIME, DATE = {"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}
URL = {"type": "string", "format": "uri"}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties: dict, description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}
    return {**schema, "description": description} if description else schema


OWN_LISTING = _object({**LISTING["properties"], "published_at": {"type": ["string", "null"], "format": "date-time"},
                       "status": {"type": "string", "enum": list(STATUSES)}, "moderation_note": STRING,
                       "hidden": BOOLEAN},
                      "Une annonce telle que la voient les membres de sa structure : son état compris "
                      "(pending : en attente de la modération).")
MESSAGE = _object({"id": INTEGER, "author": STRING, "body": STRING, "hidden": BOOLEAN, "created_at": DATE_TIME})
SIDES = {"type": ["string", "null"], "enum": ["owner", "requester", None]}
EXCHANGE = {"id": INTEGER, "listing_id": INTEGER, "conversation_id": INTEGER, "status": STRING, "message": STRING,
            "decline_reason": STRING, "cancel_reason": STRING, "owner": STRING, "requester": STRING,
            "created_at": DATE_TIME, "url": URL}

SCHEMAS = {
    "OwnListing": OWN_LISTING,
    "Message": MESSAGE,
    "Conversation": _object({"id": INTEGER, "listing_id": INTEGER, "listing_title": STRING, "side": SIDES,
                             "owner": STRING, "requester": STRING, "created_at": DATE_TIME,
                             "last_message_at": DATE_TIME, "messages": {"type": "array", "items": _ref("Message")},
                             "url": URL}),
    "Booking": _object({**EXCHANGE, "starts_at": DATE_TIME, "ends_at": DATE_TIME,
                        "attendees": {"type": ["integer", "null"]}}),
    "Loan": _object({**EXCHANGE, "quantity": INTEGER, "starts_on": DATE, "due_on": DATE,
                     "deposit_cents": {"type": "integer", "minimum": 0}}),
    "Agreement": _object({**{k: v for k, v in EXCHANGE.items() if k not in ("message", "decline_reason")},
                          "title": STRING, "scheduled_on": DATE, "time_note": STRING, "minutes": INTEGER,
                          "proposed_by_side": STRING}),
    "SavedSearch": _object({"id": INTEGER, "name": STRING, "frequency": STRING,
                            "filters": {"type": "object", "additionalProperties": {"type": ["string", "integer", "boolean"]}},
                            "created_at": DATE_TIME, "url": URL}),
    "SavedSearchList": _object({"items": {"type": "array", "items": _ref("SavedSearch")}}),
    "Dismissal": _object({"listing_id": INTEGER, "other_id": INTEGER}),
    **{f"{name}Body": schema for name, schema in (
        ("ListingCreate", bodies.LISTING_CREATE), ("ListingUpdate", bodies.LISTING_UPDATE),
        ("ListingClose", bodies.CLOSE), ("Empty", bodies.EMPTY), ("Message", bodies.MESSAGE),
        ("Contact", bodies.CONTACT), ("Reason", bodies.REASON), ("Booking", bodies.BOOKING), ("Loan", bodies.LOAN),
        ("LoanAccept", bodies.LOAN_ACCEPT), ("Agreement", bodies.AGREEMENT), ("AgreementDone", bodies.DONE), ("SavedSearch", bodies.SAVED_SEARCH), ("Dismissal", bodies.DISMISSAL))},
}

ERROR = {"content": {"application/json": {"schema": _ref("Error")}}}
IDEMPOTENCY = {"name": "Idempotency-Key", "in": "header", "required": False,
               "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
               "description": "Une clé de votre choix : renvoyer la même requête avec la même clé dans les "
                              "24 heures renvoie la première réponse (en-tête Idempotent-Replayed) sans rien créer."}


def _path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def _op(summary: str, ok: tuple, body: str | None = None, body_required=True, path_id: str | None = None,
        conflict: str | None = None, creates=False, found=True, invalid=True) -> dict:
    status, schema = ok
    content = {"application/json": {"schema": _ref(schema)}} if schema else None
    responses = {str(status): {"description": "Succès.", **({"content": content} if content else {})}}
    if creates:
        responses[str(status)]["headers"] = {"Location": {"schema": URL}}
    if body or invalid:
        responses["422"] = {"description": "Valeurs refusées : `fields` donne, par champ, le message du formulaire.",
                            **ERROR}
    if body:
        responses["400"] = {"description": "JSON illisible ou en-tête Idempotency-Key mal formé.", **ERROR}
    if found:
        responses["404"] = {"description": "Introuvable, ou invisible pour le titulaire du jeton.", **ERROR}
    if conflict:
        responses["409"] = {"description": conflict, **ERROR}
    operation = {"summary": summary, "parameters": [], "responses": responses}
    if path_id:
        operation["parameters"].append(_path_id(path_id))
    if creates:
        operation["parameters"].append(IDEMPOTENCY)
    if body:
        operation["requestBody"] = {"required": body_required,
                                    "content": {"application/json": {"schema": _ref(f"{body}Body")}}}
    return operation


def _read(summary: str, schema: str, path_id: str | None = None) -> dict:
    operation = _op(summary, (200, schema), path_id=path_id, found=bool(path_id), invalid=False)
    return {"get": operation}


STATE = "L'état de la demande ne permet plus cette action (déjà acceptée, annulée…)."
PATHS = {
    "/listings": {"post": _op("Publier une offre ou un besoin (modération pour une structure non vérifiée).",
                              (201, "OwnListing"), "ListingCreate", creates=True, found=False)},
    "/listings/{listing_id}": {"patch": _op("Modifier une de vos annonces.", (200, "OwnListing"), "ListingUpdate",
                                            path_id="listing_id", conflict="Annonce plus modifiable.")},
    "/my/listings/{listing_id}": _read("Une de vos annonces, publiée ou non, avec son état.", "OwnListing",
                                       "listing_id"),
    "/listings/{listing_id}/submit": {"post": _op("Soumettre un brouillon (publication ou modération).",
                                                  (200, "OwnListing"), "Empty", False, "listing_id",
                                                  "Seul un brouillon ou une annonce à corriger se soumet.")},
    "/listings/{listing_id}/close": {"post": _op("Clôturer une annonce publiée.", (200, "OwnListing"),
                                                 "ListingClose", path_id="listing_id",
                                                 conflict="L'annonce n'est pas publiée.")},
    "/listings/{listing_id}/repost": {"post": _op("Republier une annonce clôturée ou expirée.", (200, "OwnListing"),
                                                  "Empty", False, "listing_id",
                                                  "Seule une annonce clôturée ou expirée se republie.")},
    "/listings/{listing_id}/conversations": {"post": _op(
        "Écrire à la structure d'une annonce (ouvre la conversation, ou la retrouve).", (201, "Conversation"),
        "Contact", path_id="listing_id", creates=True, conflict=STATE)},
    "/conversations/{conversation_id}": _read("Une de vos conversations et ses messages.", "Conversation",
                                              "conversation_id"),
    "/conversations/{conversation_id}/messages": {"post": _op(
        "Envoyer un message dans une conversation.", (201, "Message"), "Message", path_id="conversation_id",
        creates=True, conflict=STATE)},
    "/listings/{listing_id}/bookings": {"post": _op(
        "Demander à réserver une salle (mêmes règles que la page de la salle).", (201, "Booking"), "Booking",
        path_id="listing_id", creates=True, conflict=STATE)},
    "/bookings/{booking_id}": _read("Une réservation dont vous êtes une des parties.", "Booking", "booking_id"),
    "/bookings/{booking_id}/accept": {"post": _op("Accepter une demande de réservation.", (200, "Booking"), "Empty",
                                                  False, "booking_id", STATE)},
    "/bookings/{booking_id}/decline": {"post": _op("Refuser une demande de réservation, avec la raison.",
                                                   (200, "Booking"), "Reason", path_id="booking_id", conflict=STATE)},
    "/bookings/{booking_id}/cancel": {"post": _op("Annuler une réservation, avec la raison.", (200, "Booking"),
                                                  "Reason", path_id="booking_id", conflict=STATE)},
    "/listings/{listing_id}/loans": {"post": _op(
        "Demander un prêt de matériel (quantité libre sur ces dates).", (201, "Loan"), "Loan", path_id="listing_id",
        creates=True, conflict=STATE)},
    "/loans/{loan_id}": _read("Un prêt dont vous êtes une des parties.", "Loan", "loan_id"),
    "/loans/{loan_id}/accept": {"post": _op("Accepter une demande de prêt (caution facultative).", (200, "Loan"),
                                            "LoanAccept", False, "loan_id", STATE)},
    "/loans/{loan_id}/decline": {"post": _op("Refuser une demande de prêt, avec la raison.", (200, "Loan"), "Reason",
                                             path_id="loan_id", conflict=STATE)},
    "/loans/{loan_id}/cancel": {"post": _op("Annuler un prêt, avec la raison.", (200, "Loan"), "Reason",
                                            path_id="loan_id", conflict=STATE)},
    "/conversations/{conversation_id}/agreements": {"post": _op(
        "Proposer un accord (compétences, bénévolat) dans une conversation : l'autre partie le confirme.",
        (201, "Agreement"), "Agreement", path_id="conversation_id", creates=True, conflict=STATE)},
    "/agreements/{agreement_id}": _read("Un accord dont vous êtes une des parties.", "Agreement", "agreement_id"),
    "/agreements/{agreement_id}/confirm": {"post": _op("Confirmer l'accord proposé par l'autre partie.",
                                                       (200, "Agreement"), "Empty", False, "agreement_id", STATE)},
    "/agreements/{agreement_id}/done": {"post": _op("Indiquer que l'accord est réalisé (mot de remerciement "
                                                    "facultatif).", (200, "Agreement"), "AgreementDone", False,
                                                    "agreement_id", STATE)},
    "/agreements/{agreement_id}/cancel": {"post": _op("Annuler un accord, avec la raison.", (200, "Agreement"),
                                                      "Reason", path_id="agreement_id", conflict=STATE)},
    "/saved-searches": {"get": _op("Vos recherches enregistrées.", (200, "SavedSearchList"), found=False,
                                   invalid=False),
                        "post": _op("Enregistrer une recherche (mots, filtres, fréquence des alertes).",
                                    (201, "SavedSearch"), "SavedSearch", creates=True, found=False)},
    "/saved-searches/{search_id}": {"delete": _op("Supprimer une de vos recherches enregistrées.", (204, None),
                                                  path_id="search_id", invalid=False)},
    "/listings/{listing_id}/dismissals": {"post": _op(
        "Écarter une suggestion pour une de vos annonces : elle ne sera plus proposée.", (200, "Dismissal"),
        "Dismissal", path_id="listing_id")},
}
def _operation_id(path: str, method: str) -> str:
    words = [w.strip("{}").removesuffix("_id") for w in path.strip("/").split("/")]
    return method + "".join(w.replace("-", "_").title().replace("_", "") for w in words)


for _path, _operations in PATHS.items():
    for _method, _operation in _operations.items():
        _operation["operationId"] = _operation_id(_path, _method)


def _links(path: str, method: str, status: str, parameter: str, targets: dict) -> None:
    """OpenAPI links from a creation to what may follow it (used by schemathesis' stateful phase)."""
    links = PATHS[path][method]["responses"][status].setdefault("links", {})
    for name, (target_path, target_method) in targets.items():
        links[name] = {"operationId": _operation_id(target_path, target_method),
                       "parameters": {parameter: "$response.body#/id"}}


_links("/listings", "post", "201", "listing_id", {
    "GetOwnListing": ("/my/listings/{listing_id}", "get"), "UpdateListing": ("/listings/{listing_id}", "patch"),
    "SubmitListing": ("/listings/{listing_id}/submit", "post"), "CloseListing": ("/listings/{listing_id}/close", "post"),
    "RepostListing": ("/listings/{listing_id}/repost", "post")})
_links("/listings/{listing_id}/conversations", "post", "201", "conversation_id", {
    "GetConversation": ("/conversations/{conversation_id}", "get"),
    "PostMessage": ("/conversations/{conversation_id}/messages", "post")})
for _kind in ("booking", "loan"):
    _links(f"/listings/{{listing_id}}/{_kind}s", "post", "201", f"{_kind}_id", {
        f"Get{_kind.title()}": (f"/{_kind}s/{{{_kind}_id}}", "get"),
        **{f"{action.title()}{_kind.title()}": (f"/{_kind}s/{{{_kind}_id}}/{action}", "post")
           for action in ("accept", "decline", "cancel")}})
_links("/conversations/{conversation_id}/agreements", "post", "201", "agreement_id", {
    "GetAgreement": ("/agreements/{agreement_id}", "get"),
    **{f"{action.title()}Agreement": (f"/agreements/{{agreement_id}}/{action}", "post")
       for action in ("confirm", "done", "cancel")}})
_links("/saved-searches", "post", "201", "search_id", {"DeleteSavedSearch": ("/saved-searches/{search_id}", "delete")})

PATHS["/saved-searches"]["get"]["security"] = [{"bearerAuth": []}]
for _path in ("/my/listings/{listing_id}", "/conversations/{conversation_id}", "/bookings/{booking_id}",
              "/loans/{loan_id}", "/agreements/{agreement_id}"):
    PATHS[_path]["get"]["security"] = [{"bearerAuth": []}]

register(PATHS, SCHEMAS)
