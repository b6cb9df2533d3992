"""The OpenAPI 3.1 document of /api/v1: the reads registered here, each feature's operations from the registry."""
import copy

from flask import url_for

from market.accounts.models import LEGAL_FORMS
from market.api.params import DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE
from market.listings.models import CATEGORIES, CONDITIONS, KINDS, SKILL_DOMAINS, TERMS
from market.listings.queries import RADII_KM
from market.api.registry import contents, register


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(type_: str, **extra) -> dict:
    return {"type": [type_, "null"], **extra}


def _enum(values, nullable=False) -> dict:
    return {"type": ["string", "null"] if nullable else "string", "enum": list(values) + ([None] if nullable else [])}


def _object(properties: dict, description: str = "") -> dict:
    """Every property required, none other allowed: the schema is also the list of what is public."""
    schema = {"type": "object", "properties": properties, "required": list(properties),
              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
URL = {"type": "string", "format": "uri"}
DATE_TIME = {"type": "string", "format": "date-time", "description": "ISO 8601, UTC (Z)."}
STRINGS = {"type": "array", "items": STRING}

LISTING = _object({
    "id": INTEGER, "kind": _enum(KINDS), "category": _enum(CATEGORIES),
    "title": STRING, "description": STRING, "commune": STRING,
    "commune_code": {"type": "string", "description": "Code INSEE de la commune."},
    "terms": _enum(TERMS), "price_cents": _nullable("integer", minimum=0, description="Prix en centimes d'euro."),
    "urgent": BOOLEAN, "quantity": {"type": "integer", "minimum": 1}, "tags": STRINGS,
    "available_from": _nullable("string", format="date"), "available_until": _nullable("string", format="date"),
    "created_at": DATE_TIME, "published_at": DATE_TIME, "expires_at": DATE_TIME,
    "organization": {"oneOf": [_ref("OrganizationRef"), {"type": "null"}],
                     "description": "Null pour l'annonce d'un·e bénévole à titre individuel."},
    "author": {"oneOf": [_ref("Author"), {"type": "null"}],
               "description": "Seulement pour l'annonce d'un·e bénévole à titre individuel."},
    "url": URL,
    "condition": _enum(CONDITIONS, nullable=True), "deposit_cents": _nullable("integer", minimum=0),
    "capacity": _nullable("integer"), "surface_m2": _nullable("integer"), "step_free": _nullable("boolean"),
    "amenities": STRINGS, "skill_domain": _enum(SKILL_DOMAINS, nullable=True), "remote": _nullable("boolean"),
    "people_needed": _nullable("integer"), "schedule": STRING,
}, "Une offre ou un besoin publié.")

ORGANIZATION_FIELDS = {
    "slug": STRING, "name": STRING, "legal_form": _enum(LEGAL_FORMS), "legal_form_label": STRING,
    "sectors": STRINGS, "commune": STRING, "commune_code": STRING, "postal_code": STRING,
    "website": STRING, "email": {"type": "string", "description": "Adresse de contact publique de la structure."},
    "phone": STRING, "description": STRING, "verified": BOOLEAN, "url": URL,
    "listings_count": {"type": "integer", "minimum": 0, "description": "Annonces publiques de la structure."},
}

LISTING_SUMMARY = _object({"id": INTEGER, "title": STRING, "category": _enum(CATEGORIES), "url": URL})


def _page(item: str) -> dict:
    return _object({"items": {"type": "array", "items": _ref(item)}, "total": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}})


FACET_COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                "description": "Nombre d'annonces par valeur, avec les autres filtres appliqués."}
LISTING_PAGE = _page("Listing")
LISTING_PAGE["properties"].update({
    "facets": {"type": "object", "additionalProperties": False,
               "properties": {name: FACET_COUNTS for name in ("kind", "category", "terms", "commune_code")}},
    "suggestion": {"type": ["string", "null"], "description": "Orthographe proposée quand des mots semblent mal tapés."},
    "estimated": {"type": "boolean", "description": (
        "Vrai quand les mots sont si courants (10 000 annonces ou plus, sur PostgreSQL) que le total et "
        "les facettes sont estimés sur un échantillon (à 4 % près environ) ; les pages restent exactes et "
        "s'arrêtent aux 1 000 premiers résultats.")},
})

SCHEMAS = {
    "Listing": LISTING,
    "ListingSummary": LISTING_SUMMARY,
    "ListingPage": LISTING_PAGE,
    "OrganizationRef": _object({"name": STRING, "slug": STRING, "url": URL}),
    "Author": _object({"display_name": STRING}),
    "Organization": _object(ORGANIZATION_FIELDS, "Une structure vérifiée de l'annuaire."),
    "OrganizationDetail": _object({**ORGANIZATION_FIELDS,
                                   "offers": {"type": "array", "items": _ref("ListingSummary")},
                                   "needs": {"type": "array", "items": _ref("ListingSummary")}}),
    "OrganizationPage": _page("Organization"),
    "MatchList": _object({"items": {"type": "array", "items": _object({
        "listing": _ref("Listing"),
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "reasons": {**STRINGS, "description": "Pourquoi cette annonce correspond, en français simple."}})}}),
    "CommuneList": _object({"items": {"type": "array", "items": _object({"code": STRING, "label": STRING})}}),
    "Error": _object({"error": {
        "type": "object", "required": ["code", "status", "message", "fields"], "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "description": "Stable, pour les programmes : not_found, validation_failed, "
                                                      "invalid_token, token_revoked, insufficient_scope, "
                                                      "idempotency_key_reused, rate_limited…"},
            "status": INTEGER, "message": {"type": "string", "description": "Pour les personnes, en français ou "
                                                                            "en anglais selon Accept-Language."},
            "fields": {"type": "object", "additionalProperties": STRING,
                       "description": "Par champ refusé, le message du formulaire du site."},
            "parameter": {"type": "string", "description": "Le paramètre refusé (400)."},
            "allowed": {**STRINGS, "description": "Les valeurs acceptées (400)."}}}}),
}


def _query(name: str, schema: dict, description: str) -> dict:
    """A filter of the query string; an empty value ("kind=", as a search form sends it) means no filter."""
    if "enum" in schema:
        schema = {**schema, "enum": [*schema["enum"], ""]}
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


PARAMETERS = {
    "page": _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Numéro de page."),
    "per_page": _query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                    "default": DEFAULT_PER_PAGE}, "Éléments par page."),
    "q": _query("q", STRING, "Mots cherchés (recherche plein texte en français : accents, pluriels, synonymes). "
                             "Un caractère nul (%00), ici comme dans tout paramètre, est refusé (400)."),
    "sort": _query("sort", _enum(("relevance", "newest", "expiring")),
                   "Tri : pertinence (par défaut avec des mots), plus récentes, expirant bientôt."),
    "commune": _query("commune", STRING, "Nom de commune, code postal ou code INSEE (« Vichy », « 03200 »)."),
    "radius_km": _query("radius_km", _enum(tuple(str(km) for km in RADII_KM)),
                        "Avec `commune` : les annonces à moins de tant de km de cette commune "
                        "(une commune sans coordonnées connues ne compte que pour elle-même)."),
    "kind": _query("kind", _enum(KINDS), "Offre ou besoin."),
    "category": _query("category", _enum(CATEGORIES), "Catégorie d'annonce."),
    "terms": _query("terms", _enum(TERMS), "Conditions de l'échange."),
    "urgent": _query("urgent", BOOLEAN, "Seulement les annonces urgentes (true ou 1)."),
    "organization": _query("organization", STRING, "Identifiant (slug) de la structure."),
    "legal_form": _query("legal_form", _enum(LEGAL_FORMS), "Forme juridique."),
    "sector": _query("sector", STRING, "Secteur d'activité (texte)."),
}


def _params(*names) -> list:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def _json(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


BAD_REQUEST = _json("Error", "Paramètre invalide (valeur inconnue ou vide, nombre hors bornes, caractère nul) : "
                             "le message et `parameter` le nomment.")
NOT_FOUND = _json("Error", "Introuvable ou non public.")


def _get(summary: str, ok: str, parameters=(), errors=None, path_param=None) -> dict:
    operation = {"summary": summary, "parameters": list(parameters),
                 "responses": {"200": _json(ok, "Succès."), **(errors or {}),
                               "405": _json("Error", "Méthode non autorisée.")}}
    if path_param:
        operation["parameters"].insert(0, {"name": path_param[0], "in": "path", "required": True,
                                           "schema": path_param[1]})
    return {"get": operation}


PATHS = {
    "/listings": _get("Annonces publiées, les plus récentes d'abord.", "ListingPage",
                      _params("q", "kind", "category", "commune", "radius_km", "organization", "terms", "urgent",
                              "sort", "page", "per_page"), {"400": BAD_REQUEST}),
    "/listings/{listing_id}": _get("Une annonce publiée.", "Listing", errors={"404": NOT_FOUND},
                                   path_param=("listing_id", INTEGER)),
    "/listings/{listing_id}/matches": _get(
        "Annonces complémentaires d'une annonce publiée, les meilleures d'abord, avec leurs raisons.", "MatchList",
        [_query("limit", {"type": "string", "examples": ["10"]},
                "Nombre de suggestions, de 1 à 50 (10 par défaut ; une valeur illisible compte pour 10, "
                "une valeur hors bornes pour la borne la plus proche).")],
        errors={"404": NOT_FOUND}, path_param=("listing_id", INTEGER)),
    "/organizations": _get("Structures vérifiées, par nom.", "OrganizationPage",
                           _params("q", "legal_form", "commune", "sector", "page", "per_page"),
                           {"400": BAD_REQUEST}),
    "/organizations/{slug}": _get("Une structure vérifiée et ses annonces publiques.", "OrganizationDetail",
                                  errors={"404": NOT_FOUND}, path_param=("slug", STRING)),
    "/communes": _get("Communes pour le sélecteur (nom, code postal).", "CommuneList",
                      [_query("q", STRING, "Début du nom ou du code postal.")], {"400": BAD_REQUEST}),
    "/docs": {"get": {"summary": "Ce document, lisible par les personnes (HTML).", "responses": {"200": {
        "description": "Page HTML.", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"summary": "Ce document.", "responses": {"200": {
        "description": "Document OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
}


register(PATHS, SCHEMAS, PARAMETERS)

SECURITY_SCHEMES = {"bearerAuth": {
    "type": "http", "scheme": "bearer", "bearerFormat": "ess_…",
    "description": "Un jeton d'accès personnel, créé dans « Mon espace » > « Jetons d'accès ». Il agit avec les "
                   "droits de son titulaire ; écrire demande le droit d'écriture."}}
ERROR = {"content": {"application/json": {"schema": _ref("Error")}}}
COMMON_ERRORS = {
    "401": {"description": "Jeton inconnu, révoqué, expiré, ou compte suspendu (ou jeton absent pour écrire).",
            "headers": {"WWW-Authenticate": {"schema": STRING}}, **ERROR},
    "429": {"description": "Trop de requêtes pour ce jeton : attendez le nombre de secondes indiqué.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Secondes."}}, **ERROR},
}
WRITE_ERRORS = {
    "403": {"description": "Le titulaire du jeton n'a pas ce droit, ou le jeton est en lecture seule.", **ERROR},
    "413": {"description": "Corps trop volumineux.", **ERROR},
    "415": {"description": "Le corps doit être du JSON.", **ERROR},
}


def _finish(paths: dict) -> dict:
    """Security and the errors every operation may answer, added once here rather than in each feature."""
    for operations in paths.values():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if method == "get":
                operation.setdefault("security", [{}, {"bearerAuth": []}])
                extra = COMMON_ERRORS
            else:
                operation.setdefault("security", [{"bearerAuth": []}])
                extra = {**COMMON_ERRORS, **WRITE_ERRORS}
                if "requestBody" not in operation:
                    extra = {k: v for k, v in extra.items() if k not in ("413", "415")}
            for status, response in extra.items():
                responses.setdefault(status, copy.deepcopy(response))
    return paths


def document() -> dict:
    """The whole document; the server URL is the one the request came to."""
    server = url_for("api.openapi_document", _external=True).removesuffix("/openapi.json")
    paths, schemas, parameters = contents()
    return {
        "openapi": "3.1.0",
        "info": {"title": "Place de marché ESS : API", "version": "1.1.0",
                 "description": "Lecture publique et anonyme de ce que le public voit ; avec un jeton d'accès "
                                "personnel (en-tête `Authorization: Bearer …`), ce que son titulaire voit et peut "
                                "faire sur le site, avec les mêmes règles. Les créations acceptent un en-tête "
                                "`Idempotency-Key` : la même clé et le même corps dans les 24 heures renvoient la "
                                "première réponse au lieu de créer un doublon."},
        "servers": [{"url": server}],
        "paths": _finish(paths),
        "components": {"schemas": schemas, "parameters": parameters, "securitySchemes": SECURITY_SCHEMES},
    }
