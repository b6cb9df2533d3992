"""The time bank through the API: the register (read), coups de pouce and workshops with their bookings (create,
cancel, with a token), one's own balance and movements only; every answer as the OpenAPI document says."""
from datetime import datetime, timedelta

from market.extensions import db
from market.timebank import services, skills
from market.timebank.rules import PARIS
from tests.api.conftest import bearer, openapi_doc, validate  # noqa: F401  (fixtures)
from tests.timebank.conftest import balance


def _headers(user):
    return {**bearer(user), "Content-Type": "application/json"}


def test_the_register_and_the_referential(client, people, validate):  # noqa: F811
    skills.declare(people["juriste"], people["groupement"], "legal", "expert", True, True, 240, "Statuts, contrats")
    db.session.commit()
    found = client.get("/api/v1/skills").get_json()
    validate(found, "SkillList")
    assert [s["code"] for s in found["items"]][:2] == ["legal", "accounting"]
    assert client.get("/api/v1/skills/register").status_code == 401
    answer = client.get("/api/v1/skills/register?q=statut", headers=bearer(people["actor"]))
    validate(answer.get_json(), "SkillRegister")
    entry, = answer.get_json()["items"]
    assert entry["name"] == "Groupement d'employeurs de l'Allier" and entry["url"].endswith(people["groupement"].slug)
    bad = client.get("/api/v1/skills/register?skill=astrologie", headers=bearer(people["actor"]))
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "skill"


def test_four_slots_a_request_and_its_cancellation(client, people, validate):  # noqa: F811
    juriste, theatre = _headers(people["juriste"]), _headers(people["actor"])
    response = client.post("/api/v1/timebank/posts", headers=juriste, json={
        "organization": people["groupement"].slug, "kind": "offer", "skill": "legal",
        "title": "Une heure de juriste", "minutes": 60, "slots": 4})
    assert response.status_code == 201, response.get_json()
    post = validate(response.get_json(), "TimebankPost")
    assert post["slots"] == {"capacity": 4, "free": 4} and post["account"] == "Groupement d'employeurs de l'Allier"
    response = client.post(f"/api/v1/timebank/posts/{post['id']}/requests", headers=theatre,
                           json={"message": "Nos statuts datent de 1998."})
    assert response.status_code == 201, response.get_json()
    exchange = validate(response.get_json(), "TimebankExchange")
    assert exchange["status"] == "requested" and exchange["receiver"] == "Compagnie du Petit Théâtre"
    assert client.get(f"/api/v1/timebank/posts/{post['id']}", headers=theatre).get_json()["slots"]["free"] == 3
    assert client.get(f"/api/v1/timebank/exchanges/{exchange['id']}", headers=_headers(people["outsider"])) \
        .status_code == 404
    cancelled = client.post(f"/api/v1/timebank/exchanges/{exchange['id']}/cancel", headers=theatre)
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    again = client.post(f"/api/v1/timebank/exchanges/{exchange['id']}/cancel", headers=theatre)
    assert again.status_code == 409 and again.get_json()["error"]["message"]
    refused = client.post("/api/v1/timebank/posts", headers=juriste, json={
        "kind": "offer", "skill": "astrologie", "title": "x", "minutes": 60})
    assert refused.status_code == 422 and "skill" in refused.get_json()["error"]["fields"]
    stranger = client.post("/api/v1/timebank/posts", headers=theatre, json={
        "organization": people["groupement"].slug, "kind": "offer", "skill": "legal", "title": "x", "minutes": 60})
    assert stranger.status_code == 422 and "organization" in stranger.get_json()["error"]["fields"]


def test_a_workshop_booked_full_with_its_waiting_list(client, people, validate):  # noqa: F811
    day = (datetime.now(PARIS) + timedelta(days=5)).date().isoformat()
    response = client.post("/api/v1/workshops", headers=_headers(people["juriste"]), json={
        "skill": "funding", "title": "Rédiger sa demande de subvention", "day": day, "start": "14:00",
        "end": "16:00", "place": "Maison des associations", "capacity": 1})
    assert response.status_code == 201, response.get_json()
    workshop = validate(response.get_json(), "Workshop")
    assert workshop["minutes"] == 120 and workshop["free"] == 1
    first = client.post(f"/api/v1/workshops/{workshop['id']}/seats", headers=_headers(people["actor"]))
    second = client.post(f"/api/v1/workshops/{workshop['id']}/seats", headers=_headers(people["outsider"]),
                         json={"organization": None})
    assert (first.status_code, second.status_code) == (201, 201)
    seat, waiting = validate(first.get_json(), "WorkshopSeat"), validate(second.get_json(), "WorkshopSeat")
    assert (seat["place"], waiting["place"], waiting["place_in_line"]) == ("held", "waiting", 1)
    assert waiting["account"] == "Odile Autre"
    client.post(f"/api/v1/workshop-seats/{seat['id']}/cancel", headers=_headers(people["actor"]))
    offered = client.get(f"/api/v1/workshop-seats/{waiting['id']}", headers=_headers(people["outsider"])).get_json()
    assert offered["place"] == "offered" and offered["offer_expires_at"]
    confirmed = client.post(f"/api/v1/workshop-seats/{waiting['id']}/confirm", headers=_headers(people["outsider"]))
    assert confirmed.get_json()["place"] == "held"
    assert client.get(f"/api/v1/workshop-seats/{waiting['id']}", headers=_headers(people["actor"])).status_code == 404
    late = client.post(f"/api/v1/workshops/{workshop['id']}/cancel", headers=_headers(people["actor"]),
                       json={"reason": "Pas à moi"})
    assert late.status_code == 403
    called_off = client.post(f"/api/v1/workshops/{workshop['id']}/cancel", headers=_headers(people["juriste"]),
                             json={"reason": "Salle indisponible"})
    assert called_off.get_json()["status"] == "cancelled"


def test_own_balance_and_movements_only(client, people, validate):  # noqa: F811
    post = services.create_post(people["juriste"], people["groupement"], "offer", "legal", "Statuts", "", 60)
    exchange = services.respond(people["actor"], post, people["theatre"], "Bonjour")
    services.act(people["juriste"], exchange, "accept")
    services.act(people["juriste"], exchange, "record", minutes=60)
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    accounts = client.get("/api/v1/timebank/account", headers=bearer(people["actor"])).get_json()
    validate(accounts, "TimebankAccountList")
    theatre, = [a for a in accounts["items"] if a["holder_kind"] == "organization"]
    assert theatre["balance_minutes"] == -60 == balance(people["theatre"])
    movements = client.get(f"/api/v1/timebank/accounts/{theatre['id']}/movements", headers=bearer(people["actor"]))
    body = validate(movements.get_json(), "TimebankMovements")
    assert [(m["minutes"], m["with"]) for m in body["items"]] == [(-60, ["Groupement d'employeurs de l'Allier"])]
    for stranger in (people["juriste"], people["coordinator"]):
        assert client.get(f"/api/v1/timebank/accounts/{theatre['id']}/movements",
                          headers=bearer(stranger)).status_code == 404
    assert client.get("/api/v1/timebank/account").status_code == 401
