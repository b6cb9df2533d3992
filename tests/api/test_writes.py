"""Writing with a token: the same forms, services, moderation and permissions as the pages."""
from market.extensions import db
from market.listings.models import Listing
from tests.api.conftest import bearer
from tests.factories import make_coordinator, make_org, make_user

OFFER = {"kind": "offer", "category": "equipment", "title": "Vidéoprojecteur Epson",
         "description": "Un vidéoprojecteur avec son câble HDMI.", "commune": "Vichy", "terms": "loan",
         "tags": ["vidéo", "projection"]}


def test_a_verified_organisation_publishes_with_its_token(client, alice, cinema):
    response = client.post("/api/v1/listings", json=OFFER, headers=bearer(alice))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "published" and body["organization"]["slug"] == cinema.slug
    assert body["tags"] == ["vidéo", "projection"] and body["commune_code"] == "03310"
    assert response.headers["Location"].endswith(f"/api/v1/my/listings/{body['id']}")
    assert client.get(f"/api/v1/listings/{body['id']}").status_code == 200


def test_an_unverified_organisation_goes_to_moderation_as_on_the_web(client):
    bob = make_user("bob@example.org", "Bob")
    make_org(bob, name="Jardin de Cocagne", status="pending")
    response = client.post("/api/v1/listings", json=OFFER, headers=bearer(bob))
    assert response.status_code == 201 and response.get_json()["status"] == "pending"
    assert client.get(f"/api/v1/listings/{response.get_json()['id']}").status_code == 404


def test_form_messages_come_back_per_field_in_french_or_english(client, alice, cinema):
    headers = bearer(alice)
    bad = {**OFFER, "title": "abc", "commune": "Nulle-Part-sur-Mer", "terms": "rent"}
    error = client.post("/api/v1/listings", json=bad, headers=headers).get_json()["error"]
    assert error["code"] == "validation_failed" and error["status"] == 422
    assert set(error["fields"]) == {"title", "commune", "price"}
    assert "Commune inconnue" in error["fields"]["commune"]
    english = client.post("/api/v1/listings", json=bad, headers={**headers, "Accept-Language": "en"}).get_json()
    assert english["error"]["fields"]["commune"] != error["fields"]["commune"]
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 0


def test_schema_errors_name_the_field(client, alice, cinema):
    error = client.post("/api/v1/listings", json={**OFFER, "quantity": "deux", "colour": "red"},
                        headers=bearer(alice)).get_json()["error"]
    assert set(error["fields"]) == {"quantity", "colour"}


def test_idempotency_key_replays_the_first_answer(client, alice, cinema):
    headers = {**bearer(alice), "Idempotency-Key": "offre-epson-1"}
    first = client.post("/api/v1/listings", json=OFFER, headers=headers)
    again = client.post("/api/v1/listings", json=OFFER, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 1
    other = client.post("/api/v1/listings", json={**OFFER, "title": "Autre chose"}, headers=headers)
    assert other.status_code == 422 and other.get_json()["error"]["code"] == "idempotency_key_reused"
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 1


def test_edit_submit_close_repost(client, alice, cinema):
    headers = bearer(alice)
    draft = client.post("/api/v1/listings", json={**OFFER, "submit": False}, headers=headers).get_json()
    assert draft["status"] == "draft"
    edited = client.patch(f"/api/v1/listings/{draft['id']}", json={"title": "Vidéoprojecteur Epson 3000"},
                          headers=headers)
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["title"] == "Vidéoprojecteur Epson 3000"
    assert edited.get_json()["description"] == OFFER["description"]
    assert client.post(f"/api/v1/listings/{draft['id']}/submit", headers=headers).get_json()["status"] == "published"
    assert client.post(f"/api/v1/listings/{draft['id']}/submit", headers=headers).status_code == 409
    closed = client.post(f"/api/v1/listings/{draft['id']}/close", json={"reason": "fulfilled"}, headers=headers)
    assert closed.get_json()["status"] == "closed"
    assert client.post(f"/api/v1/listings/{draft['id']}/repost", headers=headers).get_json()["status"] == "published"


def test_another_member_may_not_touch_the_listing(client, alice, cinema):
    listing = client.post("/api/v1/listings", json=OFFER, headers=bearer(alice)).get_json()
    bob = make_user("bob@example.org", "Bob")
    response = client.patch(f"/api/v1/listings/{listing['id']}", json={"title": "Volée !"}, headers=bearer(bob))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"


def test_a_conversation_and_its_messages(client, alice, cinema):
    listing = client.post("/api/v1/listings", json=OFFER, headers=bearer(alice)).get_json()
    bob = make_user("bob@example.org", "Bob")
    bob_headers = bearer(bob)
    started = client.post(f"/api/v1/listings/{listing['id']}/conversations", json={"body": "Bonjour, libre samedi ?"},
                          headers=bob_headers)
    assert started.status_code == 201, started.get_json()
    conversation = started.get_json()
    assert conversation["side"] == "requester" and conversation["messages"][0]["body"] == "Bonjour, libre samedi ?"
    answer = client.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"body": "Oui !"},
                         headers=bearer(alice))
    assert answer.status_code == 201
    read = client.get(f"/api/v1/conversations/{conversation['id']}", headers=bob_headers).get_json()
    assert [m["body"] for m in read["messages"]] == ["Bonjour, libre samedi ?", "Oui !"]
    outsider = make_user("eve@example.org", "Eve")
    assert client.get(f"/api/v1/conversations/{conversation['id']}", headers=bearer(outsider)).status_code == 404


def test_a_loan_request_and_its_decision(client, alice, cinema):
    from datetime import date, timedelta
    listing = client.post("/api/v1/listings", json={**OFFER, "quantity": 2}, headers=bearer(alice)).get_json()
    bob = make_user("bob@example.org", "Bob")
    start = date.today() + timedelta(days=3)
    body = {"quantity": 3, "starts_on": start.isoformat(), "due_on": (start + timedelta(days=2)).isoformat()}
    refused = client.post(f"/api/v1/listings/{listing['id']}/loans", json=body, headers=bearer(bob))
    assert refused.status_code == 422 and "quantity" in refused.get_json()["error"]["fields"]
    loan = client.post(f"/api/v1/listings/{listing['id']}/loans", json={**body, "quantity": 1}, headers=bearer(bob))
    assert loan.status_code == 201, loan.get_json()
    decided = client.post(f"/api/v1/loans/{loan.get_json()['id']}/accept", headers=bearer(alice))
    assert decided.status_code == 200 and decided.get_json()["status"] == "accepted"


def test_saved_searches_and_dismissals(client, alice, cinema):
    headers = bearer(alice)
    saved = client.post("/api/v1/saved-searches", json={"q": "sono", "kind": "offer", "frequency": "weekly"},
                        headers=headers)
    assert saved.status_code == 201
    assert [s["frequency"] for s in client.get("/api/v1/saved-searches", headers=headers).get_json()["items"]] == ["weekly"]
    assert client.delete(f"/api/v1/saved-searches/{saved.get_json()['id']}", headers=headers).status_code == 204
    mine = client.post("/api/v1/listings", json=OFFER, headers=headers).get_json()
    bob = make_user("bob@example.org", "Bob")
    org = make_org(bob, name="Foyer rural", status="verified")
    need = client.post("/api/v1/listings", json={**OFFER, "kind": "need", "terms": "free"}, headers=bearer(bob)).get_json()
    assert org.slug == need["organization"]["slug"]
    response = client.post(f"/api/v1/listings/{mine['id']}/dismissals", json={"other_id": need["id"]}, headers=headers)
    assert response.status_code == 200


def test_a_coordinator_token_is_still_bound_by_the_rules(client, alice, cinema):
    coordinator = make_coordinator()
    response = client.post("/api/v1/listings", json=OFFER, headers=bearer(coordinator))
    assert response.status_code == 403  # a coordinator who is not a member posts for nobody


def test_an_agreement_proposed_then_confirmed(client, alice, cinema):
    from datetime import date, timedelta
    skill = {**OFFER, "category": "skill", "skill_domain": "legal", "title": "Relecture de statuts", "terms": "free"}
    listing = client.post("/api/v1/listings", json=skill, headers=bearer(alice)).get_json()
    bob = make_user("bob@example.org", "Bob")
    bob_headers = bearer(bob)
    conversation = client.post(f"/api/v1/listings/{listing['id']}/conversations", json={"body": "Bonjour !"},
                               headers=bob_headers).get_json()
    body = {"title": "Relecture des statuts", "scheduled_on": (date.today() + timedelta(days=5)).isoformat(),
            "minutes": 90}
    proposed = client.post(f"/api/v1/conversations/{conversation['id']}/agreements", json=body, headers=bob_headers)
    assert proposed.status_code == 201, proposed.get_json()
    assert proposed.get_json()["minutes"] == 90 and proposed.get_json()["status"] == "proposed"
    agreement_id = proposed.get_json()["id"]
    assert client.post(f"/api/v1/agreements/{agreement_id}/confirm", headers=bob_headers).status_code == 403
    confirmed = client.post(f"/api/v1/agreements/{agreement_id}/confirm", headers=bearer(alice))
    assert confirmed.status_code == 200 and confirmed.get_json()["status"] == "confirmed"


def test_a_room_booking_requested_then_declined_with_its_reason(client, alice, cinema):
    from tests.exchanges.conftest import make_room, next_weekday
    room = make_room(alice, cinema)
    bob = make_user("bob@example.org", "Bob")
    friday = next_weekday(4).isoformat()
    late = client.post(f"/api/v1/listings/{room.id}/bookings", json={"day": friday, "start": "18:00", "end": "17:00"},
                       headers=bearer(bob))
    assert late.status_code == 422 and late.get_json()["error"]["fields"]
    booking = client.post(f"/api/v1/listings/{room.id}/bookings",
                          json={"day": friday, "start": "18:00", "end": "20:00", "attendees": 30}, headers=bearer(bob))
    assert booking.status_code == 201, booking.get_json()
    assert booking.get_json()["starts_at"].endswith("Z") and booking.get_json()["status"] == "requested"
    booking_id = booking.get_json()["id"]
    no_reason = client.post(f"/api/v1/bookings/{booking_id}/decline", json={}, headers=bearer(alice))
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["error"]["fields"]
    declined = client.post(f"/api/v1/bookings/{booking_id}/decline", json={"reason": "Salle prise par un mariage."},
                           headers=bearer(alice))
    assert declined.get_json()["status"] == "declined"
    assert client.post(f"/api/v1/bookings/{booking_id}/accept", headers=bearer(alice)).status_code == 409
