"""OpenAPI entries of the open-data endpoints, registered into /api/v1/openapi.json."""
from market.api.registry import register

HSDS_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled/"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _hsds(name: str) -> dict:
    """An HSDS record: its full shape is the HSDS schema linked; here what we always send."""
    return {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}},
            "description": f"Objet HSDS 3.0, voir {HSDS_BASE}{name}.json"}


PAGE = {"type": "object", "required": ["total_items", "total_pages", "page_number", "size", "first_page",
                                       "last_page", "empty", "contents"],
        "properties": {"total_items": {"type": "integer", "minimum": 0}, "total_pages": {"type": "integer", "minimum": 0},
                       "page_number": {"type": "integer", "minimum": 1}, "size": {"type": "integer", "minimum": 0},
                       "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
                       "empty": {"type": "boolean"}}}


def _page(item: str) -> dict:
    schema = {**PAGE, "properties": {**PAGE["properties"], "contents": {"type": "array", "items": _ref(item)}}}
    return schema


EXPORT = {"type": "object", "required": ["licence", "licence_url", "dataset", "items"],
          "properties": {"licence": {"type": "string"}, "licence_url": {"type": "string", "format": "uri"},
                         "dataset": {"type": "string"}, "items": {"type": "array", "items": {"type": "object"}}}}

SCHEMAS = {
    "HsdsOrganization": _hsds("organization"), "HsdsService": _hsds("service"),
    "HsdsServiceAtLocation": _hsds("service_at_location"),
    "HsdsOrganizationPage": _page("HsdsOrganization"), "HsdsServicePage": _page("HsdsService"),
    "HsdsServiceAtLocationPage": _page("HsdsServiceAtLocation"),
    "HsdsMeta": {"type": "object", "required": ["version", "profile", "openapi_url"],
                 "properties": {"version": {"type": "string"}, "profile": {"type": "string", "format": "uri"},
                                "openapi_url": {"type": "string", "format": "uri"}}},
    "OpenDataExport": EXPORT,
    "GoGoCarto": {"type": "object", "required": ["licence", "data"], "properties": {
        "licence": {"type": "string"}, "ontology": {"type": "string"},
        "data": {"type": "array", "items": {"type": "object", "required": ["id", "name", "address", "categories"],
                                            "properties": {"name": {"type": "string"},
                                                           "categories": {"type": "array", "items": {"type": "string"}},
                                                           "geo": {"type": "object",
                                                                   "required": ["latitude", "longitude"]}}}}}},
}

_PAGING = [{"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/per_page"}]
_ORG_FILTER = {"name": "organization_id", "in": "query", "required": False, "schema": {"type": "string"},
               "description": "Identifiant HSDS de la structure."}
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _get(summary: str, schema: str, parameters=(), path_id=False, media="application/json") -> dict:
    responses = {"200": {"description": "Succès.", "content": {media: {"schema": _ref(schema) if schema else
                                                                        {"type": "string"}}}}}
    if parameters:
        responses["400"] = {"description": "Paramètre invalide.", **_ERROR}
    operation = {"summary": summary, "parameters": list(parameters), "responses": responses}
    if path_id:
        operation["parameters"].insert(0, {"name": "hsds_id", "in": "path", "required": True,
                                           "schema": {"type": "string"}})
        responses["404"] = {"description": "Introuvable ou non public.", **_ERROR}
    return {"get": operation}


PATHS = {
    "/hsds/": _get("Informations HSDS de cette API.", "HsdsMeta"),
    "/hsds/organizations": _get("Structures vérifiées (HSDS 3.0).", "HsdsOrganizationPage", _PAGING),
    "/hsds/organizations/{hsds_id}": _get("Une structure, ses lieux et ses offres (HSDS 3.0).", "HsdsOrganization",
                                          path_id=True),
    "/hsds/services": _get("Offres publiées des structures (HSDS 3.0).", "HsdsServicePage", [*_PAGING, _ORG_FILTER]),
    "/hsds/services/{hsds_id}": _get("Une offre (HSDS 3.0).", "HsdsService", path_id=True),
    "/hsds/service_at_locations": _get("Offres et leur commune (HSDS 3.0).", "HsdsServiceAtLocationPage",
                                       [*_PAGING, _ORG_FILTER]),
    "/hsds/service_at_locations/{hsds_id}": _get("Une offre dans sa commune (HSDS 3.0).", "HsdsServiceAtLocation",
                                                 path_id=True),
    "/export/structures.json": _get("Annuaire public, Licence Ouverte 2.0.", "OpenDataExport"),
    "/export/structures.csv": _get("Annuaire public en CSV (UTF-8 avec BOM, « ; »).", None, media="text/csv"),
    "/export/annonces.json": _get("Annonces publiées des structures, Licence Ouverte 2.0.", "OpenDataExport"),
    "/export/annonces.csv": _get("Annonces publiées en CSV (UTF-8 avec BOM, « ; »).", None, media="text/csv"),
    "/export/gogocarto.json": _get("Les acteurs au format d'import GoGoCarto.", "GoGoCarto"),
}

register(PATHS, SCHEMAS)  # into /api/v1/openapi.json
