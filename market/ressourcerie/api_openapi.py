"""OpenAPI entries of the ressourcerie's API, and the JSON schemas its request bodies are checked against."""
from market.api.registry import register
from market.api.schemas import DATE, body, enum, integer, nullable, text
from market.api.write_openapi import _object, _op, _ref
from market.ressourcerie.rules import CATEGORIES, CONDITIONS, RULES

STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
DATE_TIME, URL = {"type": "string", "format": "date-time"}, {"type": "string", "format": "uri"}
ORGANIZATION = nullable(text(140, "Identifiant (slug) de la structure au nom de laquelle agir ; null : à titre "
                                  "personnel. Par défaut : la première de vos structures, comme sur le site."))

# Request bodies ----------------------------------------------------------------------------------
GIVE = body({
    "organization": ORGANIZATION, "title": text(140, min_length=1), "description": text(5000),
    "category": enum(CATEGORIES), "condition": enum(CONDITIONS), "quantity": integer(1, 10_000),
    "unit_weight_g": nullable(integer(1, 5_000_000, "Poids d'un article en grammes ; absent ou null : estimé "
                                                    "d'après la catégorie (weighed: false).")),
    "commune": text(100, "Commune du retrait : nom, code postal ou code INSEE (« Vichy », « 03200 »).", 1),
    "address": text(200), "pickup_windows": text(300, "Créneaux de retrait, en clair."),
    "hold_days": integer(1, 60, "Jours pour venir chercher une réservation (7 par défaut)."),
    "give_before": nullable(DATE), "max_per_member": nullable(integer(1, 10_000)),
    "rule": {**enum(RULES), "description": "first : premier arrivé, premier servi (défaut) ; choice : « je choisis », "
                                           "les demandes sont reçues jusqu'à requests_until puis le donateur attribue."},
    "requests_until": nullable({**DATE, "description": "Avec rule=choice : dernier jour des demandes (AAAA-MM-JJ)."}),
}, required=("title", "category", "condition", "quantity", "commune"),
    description="Un lot à donner, avec les mêmes règles que le formulaire du site. Les photos s'envoient par le "
                "formulaire du site seulement (pas par l'API).")
GIVE["examples"] = [{"title": "12 ordinateurs portables 14 pouces", "category": "informatique",
                     "condition": "bon_etat", "quantity": 12, "commune": "Vichy", "hold_days": 7}]
RESERVE = body({"organization": ORGANIZATION, "quantity": integer(1, 10_000)}, required=("quantity",),
               description="Réserver (ou demander, quand le donateur choisit) des articles d'un lot.")
RESERVE["examples"] = [{"quantity": 2}]
ALLOCATE = body({"quantity": integer(1, 10_000, "Articles attribués (au plus ce qui a été demandé ; par défaut, "
                                                "tout ce qui a été demandé).")})
CODE = body({"code": text(12, "Le code à 6 chiffres affiché sur le téléphone de la personne qui vient chercher.", 1)},
            required=("code",))
CORRECTION = body({"quantity": integer(-10_000, 10_000, "Articles en plus (positif) ou en moins (négatif)."),
                   "note": text(300, "La raison de la correction.", 1)}, required=("quantity", "note"))
EMPTY = body({})

# Answers ------------------------------------------------------------------------------------------
ORG_REF = {"oneOf": [_ref("OrganizationRef"), {"type": "null"}]}
DAY = {"type": ["string", "null"], "format": "date"}
TOTALS = {"items": INTEGER, "weight_g": INTEGER, "co2e_g": {**INTEGER, "description": "Grammes de CO₂e évités "
                                                                                   "(estimation)."}}
SCHEMAS = {
    "RessourcerieBatch": _object({
        "id": INTEGER, "title": STRING, "description": STRING, "category": enum(CATEGORIES), "category_label": STRING,
        "condition": enum(CONDITIONS), "condition_label": STRING, "quantity": INTEGER,
        "available": {**INTEGER, "description": "Articles que l'on peut encore réserver (ou attribuer)."},
        "handed_over": INTEGER, "unit_weight_g": INTEGER,
        "weighed": {**BOOLEAN, "description": "false : poids estimé d'après la catégorie."},
        "commune": STRING, "commune_code": STRING, "address": STRING, "pickup_windows": STRING,
        "hold_days": INTEGER, "give_before": DAY, "max_per_member": {"type": ["integer", "null"]},
        "rule": enum(RULES), "requests_until": DAY, "requests_open": BOOLEAN,
        "requests_waiting": {"type": ["integer", "null"], "description": "Demandes en attente (rule=choice)."},
        "status": enum(("open", "given", "closed")), "giver": STRING, "organization": ORG_REF,
        "photos": {"type": "array", "items": _object({"url": URL, "thumb_url": URL})},
        "created_at": DATE_TIME, "url": URL}, "Un lot de la ressourcerie, tel que sa page le montre à tous."),
    "RessourcerieBatchPage": _object({"items": {"type": "array", "items": _ref("RessourcerieBatch")},
                                      "total": INTEGER, "page": INTEGER, "per_page": INTEGER}),
    "RessourcerieReservation": _object({
        "id": INTEGER, "batch_id": INTEGER, "batch_title": STRING, "side": enum(("holder", "donor")),
        "status": enum(("held", "offered", "waiting", "done", "released", "lapsed")), "quantity": INTEGER,
        "position": {"type": ["integer", "null"], "minimum": 1,
                     "description": "Rang dans la liste d'attente, à partir de 1 (null : pas en attente, ou le "
                                    "donateur choisit)."},
        "expires_at": {"type": ["string", "null"], "format": "date-time",
                       "description": "À retirer (held) ou à accepter (offered) avant."},
        "code": {"type": ["string", "null"], "description": "Code de retrait : pour le titulaire seulement."},
        "receiver": STRING, "organization": ORG_REF,
        "no_shows": {"type": ["integer", "null"], "description": "Pour le donateur : réservations de cette "
                                                               "personne expirées sans être retirées."},
        "created_at": DATE_TIME, "url": URL}),
    "RessourcerieReservationList": _object({"items": {"type": "array", "items": _ref("RessourcerieReservation")}}),
    "RessourcerieHandover": _object({
        "id": INTEGER, "batch_id": INTEGER, "reservation_id": {"type": ["integer", "null"]},
        "corrects_id": {"type": ["integer", "null"], "description": "La remise que cette correction corrige."},
        "quantity": INTEGER, "weight_g": INTEGER, "category": enum(CATEGORIES), "giver": STRING, "receiver": STRING,
        "method": enum(("donor", "code", "correction")), "note": STRING, "created_at": DATE_TIME},
        "Une remise enregistrée ; une correction est une nouvelle remise (signée), jamais une modification."),
    "RessourcerieImpact": _object({
        "total": _object(TOTALS),
        **{f"by_{axis}": {"type": "array", "items": _object({"key": STRING, "label": STRING, **TOTALS})}
           for axis in ("category", "month", "giver", "receiver")},
        "factors": {"type": "array", "items": _object({"category": STRING, "label": STRING,
                                                       "kg_co2e_per_kg": {"type": "number"}, "source": STRING})},
        "estimation": {**BOOLEAN, "description": "Toujours vrai : le CO₂e est une estimation (facteurs ADEME)."},
        "csv_url": URL}, "Ce que le réseau a réemployé : articles, kilos, CO₂e évité (estimation)."),
    **{f"Ressourcerie{name}Body": schema for name, schema in (
        ("Give", GIVE), ("Reserve", RESERVE), ("Allocate", ALLOCATE), ("Code", CODE), ("Correction", CORRECTION),
        ("Empty", EMPTY))},
}

STATE = "L'état de la réservation ou du lot ne permet pas cette action (déjà retirée, demandes closes…)."
R = "Ressourcerie"
PATHS = {
    "/ressourcerie/batches": {
        "get": _op("Lots à donner, les plus récents d'abord (mêmes mots que la page de la ressourcerie).",
                   (200, "RessourcerieBatchPage"), found=False, invalid=False),
        "post": _op("Donner un lot (sans photos : elles s'ajoutent par le formulaire du site).",
                    (201, "RessourcerieBatch"), f"{R}Give", creates=True, found=False)},
    "/ressourcerie/batches/{batch_id}": {"get": _op("Un lot.", (200, "RessourcerieBatch"), path_id="batch_id",
                                                    invalid=False)},
    "/ressourcerie/batches/{batch_id}/reservations": {
        "get": _op("Les réservations et demandes d'un de vos lots (donateur).", (200, "RessourcerieReservationList"),
                   path_id="batch_id", invalid=False),
        "post": _op("Réserver des articles (ou les demander, quand le donateur choisit).",
                    (201, "RessourcerieReservation"), f"{R}Reserve", path_id="batch_id", creates=True,
                    conflict=STATE)},
    "/ressourcerie/batches/{batch_id}/handovers": {"post": _op(
        "Enregistrer une remise avec le code montré par la personne qui vient chercher (donateur).",
        (201, "RessourcerieHandover"), f"{R}Code", path_id="batch_id", creates=True, conflict=STATE)},
    "/ressourcerie/reservations": {"get": _op("Vos réservations en cours (à retirer, à accepter, en attente).",
                                              (200, "RessourcerieReservationList"), found=False, invalid=False)},
    "/ressourcerie/reservations/{reservation_id}": {"get": _op(
        "Une réservation dont vous êtes le titulaire ou le donateur.", (200, "RessourcerieReservation"),
        path_id="reservation_id", invalid=False)},
    "/ressourcerie/reservations/{reservation_id}/cancel": {"post": _op(
        "Annuler (titulaire) ou mettre fin (donateur) : les articles passent à la suite.",
        (200, "RessourcerieReservation"), f"{R}Empty", False, "reservation_id", STATE)},
    "/ressourcerie/reservations/{reservation_id}/confirm": {"post": _op(
        "Accepter les articles proposés quand ils se libèrent (titulaire).", (200, "RessourcerieReservation"),
        f"{R}Empty", False, "reservation_id", STATE)},
    "/ressourcerie/reservations/{reservation_id}/allocate": {"post": _op(
        "Attribuer des articles à une demande, une fois les demandes closes (donateur qui choisit).",
        (200, "RessourcerieReservation"), f"{R}Allocate", False, "reservation_id", STATE)},
    "/ressourcerie/reservations/{reservation_id}/handover": {"post": _op(
        "Marquer les articles remis (donateur).", (201, "RessourcerieHandover"), f"{R}Empty", False,
        "reservation_id", STATE, creates=True)},
    "/ressourcerie/handovers/{handover_id}": {"get": _op("Une remise (donateur ou bénéficiaire).",
                                                         (200, "RessourcerieHandover"), path_id="handover_id",
                                                         invalid=False)},
    "/ressourcerie/handovers/{handover_id}/corrections": {"post": _op(
        "Corriger une remise : une nouvelle entrée signée, la remise d'origine reste (donateur).",
        (201, "RessourcerieHandover"), f"{R}Correction", path_id="handover_id", creates=True)},
    "/ressourcerie/impact": {"get": _op("Articles et kilos réemployés, CO₂e évité (estimation), par catégorie, mois, "
                                        "donateur et bénéficiaire.", (200, "RessourcerieImpact"), found=False,
                                        invalid=False)},
}
OPERATION_IDS = {
    ("/ressourcerie/batches", "get"): "listRessourcerieBatches", ("/ressourcerie/batches", "post"): "giveBatch",
    ("/ressourcerie/batches/{batch_id}", "get"): "getBatch",
    ("/ressourcerie/batches/{batch_id}/reservations", "get"): "listBatchReservations",
    ("/ressourcerie/batches/{batch_id}/reservations", "post"): "reserveBatch",
    ("/ressourcerie/batches/{batch_id}/handovers", "post"): "handOverByCode",
    ("/ressourcerie/reservations", "get"): "listMyRessourcerieReservations",
    ("/ressourcerie/reservations/{reservation_id}", "get"): "getRessourcerieReservation",
    ("/ressourcerie/reservations/{reservation_id}/cancel", "post"): "cancelRessourcerieReservation",
    ("/ressourcerie/reservations/{reservation_id}/confirm", "post"): "confirmRessourcerieReservation",
    ("/ressourcerie/reservations/{reservation_id}/allocate", "post"): "allocateRessourcerieReservation",
    ("/ressourcerie/reservations/{reservation_id}/handover", "post"): "handOverReservation",
    ("/ressourcerie/handovers/{handover_id}", "get"): "getHandover",
    ("/ressourcerie/handovers/{handover_id}/corrections", "post"): "correctHandover",
    ("/ressourcerie/impact", "get"): "getRessourcerieImpact",
}
for (_path, _method), _id in OPERATION_IDS.items():
    PATHS[_path][_method]["operationId"] = _id
PATHS["/ressourcerie/batches"]["get"]["parameters"] = [
    {"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/page"},
    {"$ref": "#/components/parameters/per_page"},
    {"name": "category", "in": "query", "required": False, "schema": enum(CATEGORIES), "description": "Catégorie."}]
PATHS["/ressourcerie/batches"]["get"]["responses"]["400"] = {
    "description": "Paramètre invalide : le message et `parameter` le nomment.",
    "content": {"application/json": {"schema": _ref("Error")}}}
for _path in ("/ressourcerie/batches/{batch_id}/reservations", "/ressourcerie/reservations",
              "/ressourcerie/reservations/{reservation_id}", "/ressourcerie/handovers/{handover_id}"):
    PATHS[_path]["get"]["security"] = [{"bearerAuth": []}]
PATHS["/ressourcerie/batches/{batch_id}/reservations"]["get"]["responses"]["403"] = {
    "description": "Seul le donateur voit les réservations de son lot.",
    "content": {"application/json": {"schema": _ref("Error")}}}


def _links(path: str, method: str, parameter: str, targets: dict) -> None:
    """OpenAPI links from a creation to what may follow it (schemathesis' stateful phase walks them)."""
    responses = PATHS[path][method]["responses"]
    links = responses[next(s for s in responses if s.startswith("2"))].setdefault("links", {})
    for name, target in targets.items():
        links[name] = {"operationId": OPERATION_IDS[target], "parameters": {parameter: "$response.body#/id"}}


RESERVATION = "/ressourcerie/reservations/{reservation_id}"
_links("/ressourcerie/batches", "post", "batch_id", {
    "GetBatch": ("/ressourcerie/batches/{batch_id}", "get"),
    "ListBatchReservations": ("/ressourcerie/batches/{batch_id}/reservations", "get"),
    "HandOverByCode": ("/ressourcerie/batches/{batch_id}/handovers", "post")})
_links("/ressourcerie/batches/{batch_id}/reservations", "post", "reservation_id", {
    "GetReservation": (RESERVATION, "get"), "CancelReservation": (f"{RESERVATION}/cancel", "post"),
    "ConfirmReservation": (f"{RESERVATION}/confirm", "post"),
    "AllocateReservation": (f"{RESERVATION}/allocate", "post"),
    "HandOverReservation": (f"{RESERVATION}/handover", "post")})
for _creation in (("/ressourcerie/batches/{batch_id}/handovers", "post"), (f"{RESERVATION}/handover", "post"),
                  ("/ressourcerie/handovers/{handover_id}/corrections", "post")):
    _links(*_creation, "handover_id", {"GetHandover": ("/ressourcerie/handovers/{handover_id}", "get"),
                                       "CorrectHandover": ("/ressourcerie/handovers/{handover_id}/corrections",
                                                           "post")})

register(PATHS, SCHEMAS)
