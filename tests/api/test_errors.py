"""Mistakes in a request get a JSON answer that says what to fix, never an HTML page or a 500."""
import pytest


def error_of(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"]["status"] == status and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("url, parameter", [
    ("/api/v1/listings?page=0", "page"),
    ("/api/v1/listings?page=-1", "page"),
    ("/api/v1/listings?page=abc", "page"),
    ("/api/v1/listings?page=1.5", "page"),
    ("/api/v1/listings?page=99999999999999999999999", "page"),
    ("/api/v1/listings?per_page=0", "per_page"),
    ("/api/v1/listings?per_page=101", "per_page"),
    ("/api/v1/listings?per_page=dix", "per_page"),
    ("/api/v1/organizations?page=x", "page"),
    ("/api/v1/organizations?per_page=500", "per_page"),
])
def test_bad_pagination_is_a_400_naming_the_parameter(client, url, parameter, validate):
    error = error_of(client.get(url), 400)
    validate({"error": error}, "Error")
    assert error["parameter"] == parameter
    assert f"« {parameter} »" in error["message"] and "entier" in error["message"]


@pytest.mark.parametrize("url, parameter, allowed", [
    ("/api/v1/listings?kind=foo", "kind", ["offer", "need"]),
    ("/api/v1/listings?category=voiture", "category", ["equipment", "premises", "skill", "volunteering"]),
    ("/api/v1/listings?terms=gift", "terms", ["free", "loan", "rent", "sale", "exchange"]),
    ("/api/v1/listings?urgent=oui", "urgent", ["true", "false", "1", "0"]),
    ("/api/v1/organizations?legal_form=sarl", "legal_form", None),
])
def test_unknown_filter_values_are_a_400_listing_the_allowed_ones(client, url, parameter, allowed):
    error = error_of(client.get(url), 400)
    assert error["parameter"] == parameter and f"« {parameter} »" in error["message"]
    if allowed:
        assert error["allowed"] == allowed
        assert all(value in error["message"] for value in allowed)
    else:
        assert "association" in error["allowed"] and "association" in error["message"]


def test_an_unknown_route_is_a_json_404(client):
    error = error_of(client.get("/api/v1/nothing-here"), 404)
    assert error["message"] == "Page introuvable."
    error_of(client.get("/api/v1/listings/abc"), 404)


@pytest.mark.parametrize("url", ["/api/v1/listings", "/api/v1/listings/1", "/api/v1/organizations",
                                 "/api/v1/organizations/x", "/api/v1/openapi.json"])
def test_writing_is_refused_with_a_json_405(client, url):
    for method in (client.put, client.delete) if url.endswith("/listings") else (client.post, client.put, client.delete):
        error_of(method(url, json={"title": "x"}), 405)


def test_a_write_without_a_token_is_a_json_401(client):
    error = error_of(client.post("/api/v1/listings", json={"title": "x"}), 401)
    assert error["code"] == "unauthorized" and "Bearer" in error["message"]


@pytest.mark.parametrize("url, parameter", [
    ("/api/v1/listings?q=chaise%00", "q"),
    ("/api/v1/listings?organization=cinema%00", "organization"),
    ("/api/v1/organizations?q=%00", "q"),
    ("/api/v1/organizations?sector=culture%00", "sector"),
])
def test_a_nul_byte_is_a_400_not_a_database_error(client, url, parameter):
    """PostgreSQL refuses NUL in strings: without this check the request would end in a 500."""
    assert error_of(client.get(url), 400)["parameter"] == parameter


def test_a_nul_byte_in_a_slug_is_a_json_404(client):
    error_of(client.get("/api/v1/organizations/cinema%00"), 404)


@pytest.mark.parametrize("url, parameter", [
    ("/api/v1/listings?kind=", "kind"), ("/api/v1/listings?category=", "category"),
    ("/api/v1/listings?terms=", "terms"), ("/api/v1/listings?urgent=", "urgent"),
    ("/api/v1/listings?radius_km=&commune=Vichy", "radius_km"), ("/api/v1/listings?sort=", "sort"),
    ("/api/v1/listings?q=salle&sort=", "sort"), ("/api/v1/organizations?legal_form=", "legal_form"),
    ("/api/v1/listings?kind=offer&terms=", "terms"),
])
def test_an_empty_value_of_a_closed_list_is_a_400_saying_it_is_empty(client, url, parameter, validate):
    """`terms=` is a client's mistake (a variable left empty): it is named, not silently read as "any"."""
    error = error_of(client.get(url), 400)
    validate({"error": error}, "Error")
    assert error["parameter"] == parameter and f"« {parameter} » est vide" in error["message"]
    assert error["allowed"] and all(value in error["message"] for value in error["allowed"])


@pytest.mark.parametrize("url, parameter", [
    ("/api/v1/communes?q=Vi%00", "q"), ("/api/v1/listings?q=%00", "q"), ("/api/v1/listings?q=sono%00&kind=offer", "q"),
])
def test_a_nul_byte_in_q_is_the_400_the_openapi_document_describes(client, url, parameter, validate):
    error = error_of(client.get(url), 400)
    validate({"error": error}, "Error")
    assert error["parameter"] == parameter and "caractère nul" in error["message"]
    document = client.get("/api/v1/openapi.json").get_json()
    path = url.split("?")[0].removeprefix("/api/v1")
    assert "400" in document["paths"][path]["get"]["responses"]
    assert "caractère nul" in document["paths"][path]["get"]["responses"]["400"]["description"]
    if path == "/listings":
        assert "caractère nul" in document["components"]["parameters"]["q"]["description"]
