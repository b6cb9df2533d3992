"""The OpenAPI document describes what the API really serves, so that clients can rely on it."""
import re

import pytest
from jsonschema import Draft202012Validator

from market.api import params


def test_the_document_is_served_as_openapi_3_1(client, openapi_doc):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["openapi"].startswith("3.1") and body["servers"] == [{"url": "http://localhost/api/v1"}]
    assert body == openapi_doc


def test_every_schema_is_valid_json_schema(openapi_doc):
    for name, schema in openapi_doc["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)


def test_every_api_route_is_documented(app, openapi_doc):
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert routes == set(openapi_doc["paths"])


def test_every_reference_resolves(openapi_doc):
    def refs(node):
        if isinstance(node, dict):
            yield from ([node["$ref"]] if "$ref" in node else [])
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)
    for ref in set(refs(openapi_doc)):
        target = openapi_doc
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]  # KeyError: a dangling $ref


@pytest.mark.parametrize("name, choices", [*params.LISTING_CHOICES.items(), *params.ORGANIZATION_CHOICES.items()])
def test_documented_enums_are_the_accepted_values(openapi_doc, name, choices):
    schema = openapi_doc["components"]["parameters"][name]["schema"]
    documented = [v for v in schema.get("enum", ["true", "false"]) if v != ""]  # "": no filter
    assert documented == [c for c in choices if c not in ("1", "0")]


def test_documented_pagination_limits_are_enforced(client, openapi_doc):
    per_page = openapi_doc["components"]["parameters"]["per_page"]["schema"]
    assert per_page["maximum"] == params.MAX_PER_PAGE and per_page["default"] == params.DEFAULT_PER_PAGE
    assert client.get(f"/api/v1/listings?per_page={per_page['maximum']}").status_code == 200
    assert client.get(f"/api/v1/listings?per_page={per_page['maximum'] + 1}").status_code == 400


def test_the_commune_picker_answers_as_documented(client, validate):
    body = validate(client.get("/api/v1/communes?q=vichy").get_json(), "CommuneList")
    assert body["items"][0] == {"code": "03310", "label": "Vichy (03200)"}


def test_the_schemas_refuse_an_undocumented_field(validate):
    """A new field (say an author's e-mail) cannot slip into a response without updating the document."""
    with pytest.raises(Exception, match="Additional properties"):
        validate({"display_name": "Bob", "email": "bob@example.org"}, "Author")


def test_matches_answer_as_documented(client, validate):
    from tests.factories import make_listing, make_org, make_user
    alice, bob = make_user("a@example.org"), make_user("b@example.org", "Bob")
    need = make_listing(alice, make_org(alice), kind="need", category="skill", skill_domain="legal",
                        title="Un juriste pour relire nos statuts", terms="free")
    make_listing(bob, make_org(bob, name="Cabinet solidaire"), kind="offer", category="skill",
                 skill_domain="legal", title="Relecture juridique de statuts associatifs", terms="free")
    body = validate(client.get(f"/api/v1/listings/{need.id}/matches").get_json(), "MatchList")
    assert body["items"][0]["listing"]["title"] == "Relecture juridique de statuts associatifs"
    assert 0 <= body["items"][0]["score"] <= 1 and body["items"][0]["reasons"]
