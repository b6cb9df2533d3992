"""The directory as Open Referral HSDS 3.0: every response validates against the real compiled schemas."""
import gzip
import hashlib

import pytest

from market.opendata import ids
from tests.opendata.conftest import SCHEMAS


def test_the_vendored_schemas_are_the_published_ones():
    readme = (SCHEMAS / "README.md").read_text()
    for name in ("organization", "organization_list", "service", "service_list", "service_at_location"):
        digest = hashlib.sha256(gzip.open(SCHEMAS / f"{name}.json.gz").read()).hexdigest()
        assert f"| {name}.json | {digest} |" in readme


def test_organizations_page_validates_and_lists_only_the_directory(client, network, hsds_validate):
    body = client.get("/api/v1/hsds/organizations").get_json()
    assert body["total_items"] == 1 and body["size"] == 1 and body["first_page"] and body["last_page"]
    assert not body["empty"] and body["page_number"] == 1 and body["total_pages"] == 1
    for item in body["contents"]:
        hsds_validate(item, "organization_list")
    assert body["contents"][0]["name"] == "Cinéma du Bourbonnais"


def test_one_organization_is_fully_nested_with_its_commune_coordinates(client, network, hsds_validate):
    org_id = ids.make("organization", network["cinema"].id)
    body = hsds_validate(client.get(f"/api/v1/hsds/organizations/{org_id}").get_json(), "organization")
    location = body["locations"][0]
    assert location["name"] == "Vichy" and abs(location["latitude"] - 46.13) < 0.1
    assert location["addresses"][0]["address_1"] == "2 rue du Lac"
    assert [s["name"] for s in body["services"]] == ["Sono & micros <200 W>"]  # offers only, not the need
    assert body["organization_identifiers"][0]["identifier"] == "12345678900011"


def test_services_and_service_at_locations_validate(client, network, hsds_validate):
    services = client.get("/api/v1/hsds/services").get_json()
    assert [s["name"] for s in services["contents"]] == ["Sono & micros <200 W>"]
    hsds_validate(services["contents"][0], "service_list")
    one = client.get(f"/api/v1/hsds/services/{services['contents'][0]['id']}").get_json()
    hsds_validate(one, "service")
    places = client.get("/api/v1/hsds/service_at_locations").get_json()
    for item in places["contents"]:
        hsds_validate(item, "service_at_location")
    single = client.get(f"/api/v1/hsds/service_at_locations/{places['contents'][0]['id']}").get_json()
    assert hsds_validate(single, "service_at_location")["location"]["name"] == "Vichy"


def test_services_filter_by_organization_and_refuse_a_foreign_id(client, network):
    org_id = ids.make("organization", network["cinema"].id)
    assert client.get(f"/api/v1/hsds/services?organization_id={org_id}").get_json()["total_items"] == 1
    response = client.get("/api/v1/hsds/services?organization_id=nope")
    assert response.status_code == 400 and response.get_json()["error"]["parameter"] == "organization_id"


@pytest.mark.parametrize("path", ["organizations", "services", "service_at_locations"])
def test_unknown_or_private_ids_are_json_404(client, network, path):
    kind = {"organizations": "organization", "services": "service", "service_at_locations": "service_at_location"}
    private = network["draft"].id if path != "organizations" else 999
    for value in (ids.make(kind[path], private), "not-a-uuid"):
        response = client.get(f"/api/v1/hsds/{path}/{value}")
        assert response.status_code == 404 and "error" in response.get_json()


def test_pagination_past_the_end_is_an_empty_page(client, network, hsds_validate):
    body = client.get("/api/v1/hsds/organizations?page=5&per_page=1").get_json()
    assert body["empty"] and body["contents"] == [] and body["total_items"] == 1 and not body["first_page"]
    assert client.get("/api/v1/hsds/organizations?per_page=1000").status_code == 400


def test_the_hsds_root_says_its_version(client):
    assert client.get("/api/v1/hsds/").get_json()["version"] == "3.0"
