"""OpenAPI entries of group purchases and purchases on quotation (bodies, answers, links), registered with the API."""
from market.api.registry import register
from market.api.schemas import body, integer, nullable, text
from market.api.write_openapi import _op, _operation_id, _object, _ref
from market.purchasing.forms import MAX_UNITS
from market.purchasing.models import SPLIT_RULES, STATUSES
from market.purchasing.quotes.models import ANSWERS, DETAILS
from market.purchasing.quotes.rules import PHASES
from market.purchasing.quotes.services import MAX_DETAIL

STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
CENTS = {"type": "integer", "description": "Centimes d'euro."}
DATE_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601, UTC (Z)."}
MAYBE_DATE_TIME = {"type": ["string", "null"], "format": "date-time"}
DATE = {"type": "string", "format": "date"}
URL = {"type": "string", "format": "uri"}
ORG = "Identifiant (slug) de la structure au nom de laquelle agir ; par défaut celle du jeton, sinon la première des vôtres."
DETAIL = nullable(integer(0, MAX_DETAIL, "Obligatoire quand la liste le demande (voir `asks`)."))

COMMITMENT_CREATE = body({"organization": text(140, ORG), "quantity": integer(1, MAX_UNITS)}, required=("quantity",),
                         description="S'engager sur une quantité, modifiable ou retirable jusqu'à la date limite.")
COMMITMENT_CREATE["examples"] = [{"quantity": 40}]
COMMITMENT_UPDATE = body({"quantity": integer(1, MAX_UNITS, "La nouvelle quantité (pour se retirer : DELETE).")},
                         required=("quantity",))
INTEREST_FIELDS = {"employees": DETAIL, "vehicles": DETAIL, "premises_m2": DETAIL, "note": text(2000)}
INTEREST_CREATE = body({"organization": text(140, ORG), **INTEREST_FIELDS},
                       description="Manifester l'intérêt d'une structure, avec les chiffres que la liste demande.")
INTEREST_CREATE["examples"] = [{"employees": 3, "premises_m2": 120}]
INTEREST_UPDATE = body(INTEREST_FIELDS, description="Les champs à changer ; les autres restent tels quels.")

ORGANIZATION = _object({"slug": STRING, "name": STRING})
ORGANIZER = _object({"name": STRING, "organization": {"oneOf": [_ref("PurchaseOrganization"), {"type": "null"}]}},
                    "La structure qui organise, ou la personne (coordination du réseau).")
AMOUNT = {"unit_price_cents": CENTS, "goods_cents": CENTS,
          "fixed_share_cents": {**CENTS, "description": "Part des frais fixes (plus fort reste)."},
          "adjustments_cents": {**CENTS, "description": "Corrections après clôture (négatif : en moins)."},
          "amount_cents": {**CENTS, "description": "Ce que la structure doit, au centime."}}
SUMMARY = {"id": INTEGER, "title": STRING, "unit": STRING, "status": {"type": "string", "enum": list(STATUSES)},
           "organizer": _ref("PurchaseOrganizer"), "closes_at": DATE_TIME,
           "last_day": {**DATE, "description": "Dernier jour des engagements (heure de Paris)."},
           "total": INTEGER, "unit_price_cents": CENTS, "url": URL}
FIGURES = _object({
    "total": {"type": "integer", "description": "Total engagé."}, "tier_number": INTEGER,
    "tier_min_quantity": INTEGER, "unit_price_cents": {**CENTS, "description": "Prix unitaire au palier atteint."},
    "next_tier": {"oneOf": [_object({"min_quantity": INTEGER, "unit_price_cents": CENTS,
                                     "units_missing": {"type": "integer", "minimum": 1}}), {"type": "null"}],
                  "description": "Le palier suivant et combien d'unités il manque (null : dernier palier ou clos)."},
    "minimum_reached": BOOLEAN, "stock_left": {"type": ["integer", "null"]},
    "supplier_total_cents": CENTS, "saving_cents": {**CENTS, "description": "Économie du groupe sur le premier palier."}},
    "Les chiffres en direct de l'achat.")
QUOTE_SUMMARY = {"id": INTEGER, "title": STRING, "phase": {"type": "string", "enum": list(PHASES)},
                 "organizer": _ref("PurchaseOrganizer"), "closes_at": DATE_TIME, "last_day": DATE,
                 "offer_valid_until": MAYBE_DATE_TIME, "url": URL}

SCHEMAS = {
    "PurchaseOrganization": ORGANIZATION, "PurchaseOrganizer": ORGANIZER, "PurchaseFigures": FIGURES,
    "PurchaseSummary": _object(SUMMARY),
    "PurchaseList": _object({"items": {"type": "array", "items": _ref("PurchaseSummary")}}),
    "Purchase": _object({**SUMMARY, "description": STRING, "supplier_name": STRING, "supplier_contact": STRING,
                         "min_total": INTEGER, "max_quantity": {"type": ["integer", "null"]},
                         "fixed_costs_cents": CENTS, "fixed_costs_label": STRING,
                         "split_rule": {"type": "string", "enum": list(SPLIT_RULES)}, "delivery_plan": STRING,
                         "extended": BOOLEAN, "closed_at": MAYBE_DATE_TIME,
                         "tiers": {"type": "array", "items": _object({"min_quantity": INTEGER,
                                                                      "unit_price_cents": CENTS, "reached": BOOLEAN})},
                         "figures": _ref("PurchaseFigures"), "can_manage": BOOLEAN,
                         "my_commitments": {"type": "array", "items": _ref("Commitment")}},
                        "Un achat groupé, ses paliers et ses chiffres en direct."),
    "Commitment": _object({"id": INTEGER, "purchase_id": INTEGER, "organization": _ref("PurchaseOrganization"),
                           "quantity": INTEGER, "updated_at": DATE_TIME,
                           "frozen": {"type": "boolean", "description": "true : montants figés à la clôture ; "
                                                                        "false : estimation au palier du jour."},
                           **AMOUNT, "saving_cents": CENTS, "url": URL}),
    "PurchaseAmounts": _object({"purchase_id": INTEGER, "unit_price_cents": CENTS, "supplier_total_cents": CENTS,
                                "items": {"type": "array", "items": _object(
                                    {"organization": _ref("PurchaseOrganization"), "quantity": INTEGER, **AMOUNT})}},
                               "Le montant de chaque structure : l'organisateur voit toutes les lignes, "
                               "une structure participante la sienne."),
    "InterestListSummary": _object(QUOTE_SUMMARY),
    "InterestListList": _object({"items": {"type": "array", "items": _ref("InterestListSummary")}}),
    "InterestList": _object({**QUOTE_SUMMARY, "description": STRING,
                             "asks": {"type": "array", "items": {"type": "string", "enum": list(DETAILS)}},
                             "offer": {"oneOf": [_object({"supplier": STRING, "text": STRING, "terms": STRING,
                                                          "valid_until": DATE_TIME, "published_at": DATE_TIME}),
                                                 {"type": "null"}]},
                             "interested_count": INTEGER, "accepted_count": INTEGER, "can_manage": BOOLEAN,
                             "interests": {"type": "array", "items": _ref("Interest")}},
                            "Un achat sur devis : les structures intéressées (l'organisateur les voit toutes, "
                            "une structure la sienne) et l'offre négociée une fois publiée."),
    "Interest": _object({"id": INTEGER, "list_id": INTEGER, "organization": _ref("PurchaseOrganization"),
                         "employees": {"type": ["integer", "null"]}, "vehicles": {"type": ["integer", "null"]},
                         "premises_m2": {"type": ["integer", "null"]}, "note": STRING, "updated_at": DATE_TIME,
                         "answer": {"type": ["string", "null"], "enum": [*ANSWERS, None]},
                         "answered_at": MAYBE_DATE_TIME, "url": URL}),
    "CommitmentCreateBody": COMMITMENT_CREATE, "CommitmentUpdateBody": COMMITMENT_UPDATE,
    "InterestCreateBody": INTEREST_CREATE, "InterestUpdateBody": INTEREST_UPDATE,
}

CLOSED = "L'achat est clos (les engagements ne se modifient plus), ou la structure est déjà engagée."
QUOTE_STATE = "La liste est close, l'offre n'est pas (ou plus) ouverte aux réponses, ou la structure est déjà inscrite."


def _get(summary, schema, path_id=None, conflict=None) -> dict:
    operation = _op(summary, (200, schema), path_id=path_id, found=bool(path_id), invalid=False, conflict=conflict)
    operation["security"] = [{"bearerAuth": []}]
    return {"get": operation}


PATHS = {
    "/purchases": _get("Les achats groupés (ouverts, puis clos).", "PurchaseList"),
    "/purchases/{purchase_id}": _get("Un achat groupé : paliers, total engagé, palier atteint, prix du jour, unités "
                                     "manquantes pour le palier suivant, vos engagements.", "Purchase", "purchase_id"),
    "/purchases/{purchase_id}/amounts": _get("Une fois l'achat confirmé, le montant de chaque structure (la vôtre ; "
                                             "toutes pour l'organisateur).", "PurchaseAmounts", "purchase_id",
                                             "L'achat n'est pas (encore) confirmé."),
    "/purchases/{purchase_id}/commitments": {"post": _op(
        "Engager une de vos structures sur une quantité (dans la limite du stock).", (201, "Commitment"),
        "CommitmentCreate", path_id="purchase_id", creates=True, conflict=CLOSED)},
    "/commitments/{commitment_id}": {
        **_get("Un engagement de votre structure (ou de l'achat que vous organisez), estimé ou figé.", "Commitment",
               "commitment_id"),
        "patch": _op("Changer la quantité engagée, jusqu'à la date limite.", (200, "Commitment"), "CommitmentUpdate",
                     path_id="commitment_id", conflict=CLOSED),
        "delete": _op("Retirer l'engagement, jusqu'à la date limite.", (204, None), path_id="commitment_id",
                      conflict=CLOSED, invalid=False)},
    "/interest-lists": _get("Les achats sur devis (en cours, puis passés).", "InterestListList"),
    "/interest-lists/{list_id}": _get("Un achat sur devis, les chiffres demandés, l'offre une fois publiée.",
                                      "InterestList", "list_id"),
    "/interest-lists/{list_id}/interests": {"post": _op(
        "Manifester l'intérêt d'une de vos structures, avec les chiffres demandés.", (201, "Interest"),
        "InterestCreate", path_id="list_id", creates=True, conflict=QUOTE_STATE)},
    "/interests/{interest_id}": {
        **_get("L'inscription de votre structure (ou d'une structure de la liste que vous organisez).", "Interest",
               "interest_id"),
        "patch": _op("Changer les chiffres ou les précisions, tant que la liste est ouverte.", (200, "Interest"),
                     "InterestUpdate", path_id="interest_id", conflict=QUOTE_STATE),
        "delete": _op("Retirer l'inscription, tant que la liste est ouverte.", (204, None), path_id="interest_id",
                      conflict=QUOTE_STATE, invalid=False)},
    "/interests/{interest_id}/accept": {"post": _op("Accepter l'offre publiée, pendant sa validité.",
                                                    (200, "Interest"), "Empty", False, "interest_id", QUOTE_STATE)},
    "/interests/{interest_id}/decline": {"post": _op("Décliner l'offre publiée, pendant sa validité.",
                                                     (200, "Interest"), "Empty", False, "interest_id", QUOTE_STATE)},
}

for _path, _operations in PATHS.items():
    for _method, _operation in _operations.items():
        _operation["operationId"] = _operation_id(_path, _method)


def _links(path: str, parameter: str, targets: dict, method="post", status="201", pointer="/id") -> None:
    """From a creation (or a list's first item) to what may follow it (schemathesis' stateful phase walks them)."""
    links = PATHS[path][method]["responses"][status].setdefault("links", {})
    for name, (target, target_method) in targets.items():
        links[name] = {"operationId": _operation_id(target, target_method),
                       "parameters": {parameter: f"$response.body#{pointer}"}}


_links("/purchases", "purchase_id", {
    "GetFirstPurchase": ("/purchases/{purchase_id}", "get"),
    "GetFirstPurchaseAmounts": ("/purchases/{purchase_id}/amounts", "get"),
    "CommitToFirstPurchase": ("/purchases/{purchase_id}/commitments", "post")}, "get", "200", "/items/0/id")
_links("/interest-lists", "list_id", {
    "GetFirstInterestList": ("/interest-lists/{list_id}", "get"),
    "RegisterOnFirstInterestList": ("/interest-lists/{list_id}/interests", "post")}, "get", "200", "/items/0/id")


_links("/purchases/{purchase_id}/commitments", "commitment_id", {
    "GetCommitment": ("/commitments/{commitment_id}", "get"), "UpdateCommitment": ("/commitments/{commitment_id}", "patch"),
    "WithdrawCommitment": ("/commitments/{commitment_id}", "delete")})
_links("/interest-lists/{list_id}/interests", "interest_id", {
    "GetInterest": ("/interests/{interest_id}", "get"), "UpdateInterest": ("/interests/{interest_id}", "patch"),
    "WithdrawInterest": ("/interests/{interest_id}", "delete"),
    "AcceptOffer": ("/interests/{interest_id}/accept", "post"),
    "DeclineOffer": ("/interests/{interest_id}/decline", "post")})

register(PATHS, SCHEMAS)
