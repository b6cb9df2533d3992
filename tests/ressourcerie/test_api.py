"""The ressourcerie through the API: the same services, permissions and messages as the pages, shapes as documented."""
from datetime import timedelta

from market.extensions import db
from market.fields import today
from market.notifications.models import Notification
from market.ressourcerie import services
from market.ressourcerie.models import Batch, Handover
from tests.api.conftest import bearer, openapi_doc, validate  # noqa: F401 (fixtures)
from tests.factories import make_batch

LAPTOPS = {"title": "12 ordinateurs portables 14 pouces", "category": "informatique", "condition": "bon_etat",
           "quantity": 12, "commune": "Vichy", "hold_days": 7, "pickup_windows": "mardi de 14 h à 18 h"}


def _tokens(network):
    return {key: bearer(network[key]) for key in ("giver", "a", "b", "c", "outsider")}


def test_give_reserve_wait_cancel_confirm_hand_over_by_code_correct_and_count(client, network, validate):  # noqa: F811
    tokens = _tokens(network)
    response = client.post("/api/v1/ressourcerie/batches", json=LAPTOPS,
                           headers={**tokens["giver"], "Idempotency-Key": "lot-portables-1"})
    assert response.status_code == 201, response.get_json()
    batch = validate(response.get_json(), "RessourcerieBatch")
    assert (batch["available"], batch["unit_weight_g"], batch["weighed"], batch["rule"]) == (12, 2500, False, "first")
    assert batch["organization"]["slug"] == network["mutual"].slug and batch["photos"] == []
    assert response.headers["Location"].endswith(f"/api/v1/ressourcerie/batches/{batch['id']}")
    again = client.post("/api/v1/ressourcerie/batches", json=LAPTOPS,
                        headers={**tokens["giver"], "Idempotency-Key": "lot-portables-1"})
    assert again.get_json()["id"] == batch["id"] and again.headers["Idempotent-Replayed"] == "true"
    assert db.session.scalar(db.select(db.func.count(Batch.id))) == 1

    url = f"/api/v1/ressourcerie/batches/{batch['id']}/reservations"
    made = {}
    for key, quantity in (("a", 5), ("b", 5), ("c", 4)):
        response = client.post(url, json={"quantity": quantity, "organization": network[key + "_org"].slug},
                               headers=tokens[key])
        assert response.status_code == 201, response.get_json()
        made[key] = validate(response.get_json(), "RessourcerieReservation")
    assert [made[k]["status"] for k in "abc"] == ["held", "held", "waiting"] and made["c"]["position"] == 1
    assert made["a"]["code"] and made["c"]["code"] is None  # a code only to collect held items

    listing = client.get(url, headers=tokens["giver"]).get_json()["items"]
    assert [r["receiver"] for r in listing] == ["AMAP du Sichon", "Les Liseurs à Points", "Jardin de Cocagne"]
    assert all(r["code"] is None and r["no_shows"] == 0 for r in listing)  # the giver types the code, never sees it
    assert client.get(url, headers=tokens["a"]).status_code == 403

    cancel = client.post(f"/api/v1/ressourcerie/reservations/{made['a']['id']}/cancel", headers=tokens["a"])
    assert cancel.status_code == 200 and cancel.get_json()["status"] == "released"
    mine = client.get(f"/api/v1/ressourcerie/reservations/{made['c']['id']}", headers=tokens["c"]).get_json()
    assert mine["status"] == "offered" and mine["expires_at"]
    confirmed = client.post(f"/api/v1/ressourcerie/reservations/{made['c']['id']}/confirm", headers=tokens["c"])
    code = confirmed.get_json()["code"]
    assert confirmed.get_json()["status"] == "held" and len(code) == 6

    handovers = f"/api/v1/ressourcerie/batches/{batch['id']}/handovers"
    wrong = client.post(handovers, json={"code": "000000" if code != "000000" else "111111"}, headers=tokens["giver"])
    assert wrong.status_code == 422 and "code" in wrong.get_json()["error"]["fields"]
    assert client.post(handovers, json={"code": code}, headers=tokens["c"]).status_code == 403
    response = client.post(handovers, json={"code": code}, headers=tokens["giver"])
    assert response.status_code == 201, response.get_json()
    entry = validate(response.get_json(), "RessourcerieHandover")
    assert (entry["quantity"], entry["weight_g"], entry["method"]) == (4, 10_000, "code")
    assert client.get(f"/api/v1/ressourcerie/handovers/{entry['id']}", headers=tokens["c"]).status_code == 200
    assert client.get(f"/api/v1/ressourcerie/handovers/{entry['id']}", headers=tokens["outsider"]).status_code == 404

    fix = client.post(f"/api/v1/ressourcerie/handovers/{entry['id']}/corrections",
                      json={"quantity": -1, "note": "Un portable ne démarrait pas"}, headers=tokens["giver"])
    assert fix.status_code == 201 and fix.get_json()["corrects_id"] == entry["id"]
    assert [h.quantity for h in db.session.scalars(db.select(Handover).order_by(Handover.id))] == [4, -1]

    impact = validate(client.get("/api/v1/ressourcerie/impact").get_json(), "RessourcerieImpact")
    assert impact["total"] == {"items": 3, "weight_g": 7500, "co2e_g": 450_000} and impact["estimation"] is True
    assert impact["by_category"][0]["label"] == "Informatique"
    assert all("ADEME" in f["source"] for f in impact["factors"])


def test_the_pages_refusals_come_back_as_documented_errors(client, network):
    tokens = _tokens(network)
    batch = make_batch(network["giver"], network["mutual"], quantity=12, max_per_member=4)
    url = f"/api/v1/ressourcerie/batches/{batch.id}/reservations"
    over = client.post(url, json={"quantity": 5}, headers=tokens["a"]).get_json()["error"]
    assert over["status"] == 422 and "4 articles au plus" in over["fields"]["quantity"]
    missing = client.post(url, json={}, headers=tokens["a"]).get_json()["error"]
    assert missing["code"] == "validation_failed" and "quantity" in missing["fields"]
    assert client.post(url, json={"quantity": 1}, headers=tokens["a"]).status_code == 201
    twice = client.post(url, json={"quantity": 1}, headers=tokens["a"])
    assert twice.status_code == 409 and "déjà une réservation" in twice.get_json()["error"]["message"]
    assert client.post(url, json={"quantity": 1}, headers=tokens["giver"]).status_code == 403  # its own batch
    assert client.post(url, json={"quantity": 1}).status_code == 401
    assert client.post(url, json={"quantity": 1}, headers=bearer(network["b"], scopes=("read",))).status_code == 403
    bad = client.post("/api/v1/ressourcerie/batches", json={**LAPTOPS, "commune": "Nulle-Part-sur-Mer",
                                                            "rule": "choice"}, headers=tokens["giver"])
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"commune", "requests_until"}
    assert client.get("/api/v1/ressourcerie/batches?category=voitures").status_code == 400
    reservation_id = services.active_reservation(network["a"], batch).id
    assert client.get(f"/api/v1/ressourcerie/reservations/{reservation_id}",
                      headers=tokens["outsider"]).status_code == 404
    assert client.post(f"/api/v1/ressourcerie/reservations/{reservation_id}/handover",
                       headers=tokens["a"]).status_code == 403


def test_a_giver_who_chooses_allocates_through_the_api(client, network, validate):  # noqa: F811
    tokens = _tokens(network)
    until = (today() + timedelta(days=2)).isoformat()
    body = client.post("/api/v1/ressourcerie/batches", json={**LAPTOPS, "rule": "choice", "requests_until": until},
                       headers=tokens["giver"]).get_json()
    assert (body["rule"], body["requests_until"], body["requests_open"]) == ("choice", until, True)
    url = f"/api/v1/ressourcerie/batches/{body['id']}/reservations"
    asks = [client.post(url, json={"quantity": 8}, headers=tokens[k]).get_json() for k in ("a", "b")]
    assert [a["status"] for a in asks] == ["waiting"] * 2 and asks[0]["position"] is None
    allocate = f"/api/v1/ressourcerie/reservations/{asks[0]['id']}/allocate"
    early = client.post(allocate, json={"quantity": 8}, headers=tokens["giver"])
    assert early.status_code == 409
    db.session.get(Batch, body["id"]).requests_until = today() - timedelta(days=1)
    db.session.commit()
    granted = client.post(allocate, json={"quantity": 8}, headers=tokens["giver"])
    assert granted.status_code == 200 and granted.get_json()["status"] == "held"
    short = client.post(f"/api/v1/ressourcerie/reservations/{asks[1]['id']}/allocate", headers=tokens["giver"])
    assert short.status_code == 422 and "Il ne reste que 4" in short.get_json()["error"]["fields"]["quantity"]
    assert client.post(allocate, headers=tokens["a"]).status_code == 403
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.kind == "ressourcerie_allocated")) == 1


def test_the_catalogue_through_the_api_finds_the_laptops_by_a_word_of_a_need(client, network):
    make_batch(network["giver"], network["mutual"], quantity=12)
    make_batch(network["giver"], network["mutual"], title="40 chaises empilables", category="mobilier",
               description="Chaises de réunion grises.")
    found = client.get("/api/v1/ressourcerie/batches?q=ordinateur").get_json()
    assert found["total"] == 1 and found["items"][0]["title"] == "12 ordinateurs portables 14 pouces"
    assert client.get("/api/v1/ressourcerie/batches?category=mobilier").get_json()["total"] == 1
