"""GET /api/v1/my/memberships: each structure of the token's holder, where it stands and what it owes."""
from tests.api.conftest import bearer, openapi_doc, validate  # noqa: F401  (fixtures)
from tests.membership.conftest import pay, set_fees


def test_a_structure_reads_its_own_membership(network, app, this_year, validate):
    c = network["coordinator"]
    set_fees(c, this_year)
    pay(c, network["cinema"], this_year, 1000, "none")
    response = app.test_client().get("/api/v1/my/memberships", headers=bearer(network["alice"], scopes=("read",)))
    assert response.status_code == 200
    body = response.get_json()
    [item] = body["items"]
    assert item["organization"] == "cine-grillon" and item["current"]["year"] == this_year
    assert (item["current"]["fee_cents"], item["current"]["paid_cents"], item["current"]["owed_cents"]) == (3000, 1000, 2000)
    assert item["current"]["status"] == "pending" and item["charter"]["version"] == "1"
    validate(item, "Membership")


def test_a_token_tied_to_one_structure_sees_that_one_only(network, app):
    from tests.exchanges.conftest import add_member
    add_member(network["alice"], network["scop"])
    client = app.test_client()
    both = client.get("/api/v1/my/memberships", headers=bearer(network["alice"])).get_json()["items"]
    assert {i["organization"] for i in both} == {"cine-grillon", "scop-les-ateliers"}
    one = client.get("/api/v1/my/memberships", headers=bearer(network["alice"], organization=network["scop"]))
    assert [i["organization"] for i in one.get_json()["items"]] == ["scop-les-ateliers"]


def test_without_a_token_the_answer_is_401(app):
    response = app.test_client().get("/api/v1/my/memberships")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
