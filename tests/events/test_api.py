"""The events API: public events and shifts; sign-ups with a token (overlap named, waiting list, a freed place
confirmed), idempotent; rosters for organisers only; hours, one's own and an association's with its method."""
import pytest

from market.events import services
from market.extensions import db
from tests.api.conftest import bearer, openapi_doc, validate  # noqa: F401  (fixtures)
from tests.events.conftest import volunteer
from tests.events.helpers import make_event


@pytest.fixture
def api(app):
    return app.test_client()


def test_events_and_shifts_are_public_and_as_documented(race, api, validate):
    body = api.get("/api/v1/events").get_json()
    validate(body, "EventList")
    event = body["items"][0]
    assert event["title"] == "Course cycliste des Côtes" and event["commune"] == "Saint-Yorre"
    assert [(s["role"], s["capacity"], s["free"]) for s in event["shifts"]] == [("signaleur", 20, 20), ("buvette", 6, 6)]
    validate(api.get(f"/api/v1/events/{event['id']}").get_json(), "Event")
    validate(api.get(f"/api/v1/shifts/{race['signaleur'].id}").get_json(), "EventShift")
    assert api.get("/api/v1/shifts/999999").get_json()["error"]["code"] == "not_found"
    assert api.get("/api/v1/events?per_page=0").status_code == 400


def test_a_volunteer_signs_up_with_a_token_and_the_overlap_is_named(race, api, validate):
    headers = bearer(race["vera"])
    response = api.post(f"/api/v1/shifts/{race['signaleur'].id}/signups", headers=headers)
    assert response.status_code == 201, response.get_json()
    signup = validate(response.get_json(), "SignUp")
    assert signup["status"] == "held" and response.headers["Location"].endswith(f"/api/v1/signups/{signup['id']}")
    clash = api.post(f"/api/v1/shifts/{race['buvette'].id}/signups", headers=headers, json={})
    error = clash.get_json()["error"]
    assert clash.status_code == 409 and "« signaleur »" in error["message"] and "chevauche" in error["message"]
    mine = validate(api.get("/api/v1/my/signups", headers=headers).get_json(), "SignUpList")
    assert [s["shift"]["role"] for s in mine["items"]] == ["signaleur"]
    assert api.post(f"/api/v1/shifts/{race['signaleur'].id}/signups").status_code == 401  # no token
    read_only = bearer(race["vera"], scopes=("read",), name="lecture")
    assert api.post(f"/api/v1/shifts/{race['buvette'].id}/signups", headers=read_only).status_code == 403


def test_the_same_idempotency_key_signs_up_once(race, api):
    headers = {**bearer(race["vera"]), "Idempotency-Key": "signaleur-course-1"}
    first = api.post(f"/api/v1/shifts/{race['signaleur'].id}/signups", headers=headers)
    again = api.post(f"/api/v1/shifts/{race['signaleur'].id}/signups", headers=headers)
    assert first.status_code == again.status_code == 201 and again.headers.get("Idempotent-Replayed") == "true"
    assert first.get_json()["id"] == again.get_json()["id"]


def test_a_cancellation_offers_the_place_to_the_next_who_confirms_by_the_api(race, api, validate):
    event = make_event(race["organiser"], race["club"], title="Course des jeunes", shifts=[("parking", 14, 16, 1)])
    shift = event.shifts[0]
    first, second = race["vera"], volunteer("b2@example.org", "Bénévole Deux")
    taken = api.post(f"/api/v1/shifts/{shift.id}/signups", headers=bearer(first)).get_json()
    waiting = api.post(f"/api/v1/shifts/{shift.id}/signups", headers=bearer(second)).get_json()
    assert waiting["status"] == "waiting" and waiting["position"] == 1
    assert api.post(f"/api/v1/signups/{taken['id']}/cancel", headers=bearer(second)).status_code == 404  # not theirs
    cancelled = api.post(f"/api/v1/signups/{taken['id']}/cancel", headers=bearer(first))
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "released"
    offered = validate(api.get(f"/api/v1/signups/{waiting['id']}", headers=bearer(second)).get_json(), "SignUp")
    assert offered["status"] == "offered" and offered["confirm_before"]
    confirmed = api.post(f"/api/v1/signups/{waiting['id']}/confirm", headers=bearer(second))
    assert confirmed.get_json()["status"] == "held"
    twice = api.post(f"/api/v1/signups/{taken['id']}/cancel", headers=bearer(first))
    assert twice.status_code == 409 and twice.get_json()["error"]["message"] == "Cette inscription n'est plus active."


def test_the_roster_is_for_organisers_only(race, api, validate):
    services.sign_up(race["vera"], race["signaleur"])
    db.session.commit()
    url = f"/api/v1/events/{race['event'].id}/roster"
    assert api.get(url).status_code == 401
    assert api.get(url, headers=bearer(race["vera"])).status_code == 403
    assert api.get(url, headers=bearer(race["outsider"])).get_json()["error"]["code"] == "forbidden"
    roster = validate(api.get(url, headers=bearer(race["colleague"])).get_json(), "Roster")
    assert roster["shifts"][0]["volunteers"][0]["email"] == "vera@example.org"


def test_hours_of_the_volunteer_and_of_the_association_with_the_valuation_method(race, api, validate):
    signaleur = race["signaleur"]
    hold = services.sign_up(race["vera"], signaleur)
    signaleur.starts_at, signaleur.ends_at = signaleur.starts_at.replace(year=2020), signaleur.ends_at.replace(year=2020)
    services.record_attendance(race["organiser"], signaleur, {hold.user_id: (True, 240)})
    db.session.commit()
    mine = validate(api.get("/api/v1/my/hours", headers=bearer(race["vera"])).get_json(), "VolunteerHours")
    assert mine["total_minutes"] == 240 and mine["items"][0]["role"] == "signaleur"
    url = f"/api/v1/organizations/{race['club'].slug}/volunteer-hours"
    hours = validate(api.get(url, headers=bearer(race["organiser"])).get_json(), "OrganizationVolunteerHours")
    assert hours["valuation_cents"] == 4808 and "SMIC horaire brut" in hours["method"] and hours["volunteers"] == 1
    assert api.get(url + "?year=2020", headers=bearer(race["organiser"])).get_json()["total_minutes"] == 240
    assert api.get(url + "?year=2021", headers=bearer(race["organiser"])).get_json()["total_minutes"] == 0
    assert api.get(url + "?year=deux", headers=bearer(race["organiser"])).get_json()["error"]["parameter"] == "year"
    assert api.get(url + "?year=2020", headers=bearer(race["organiser"])).get_json()["total_minutes"] == 240
    assert api.get(url + "?year=2021", headers=bearer(race["organiser"])).get_json()["total_minutes"] == 0
    assert api.get(url + "?year=deux", headers=bearer(race["organiser"])).get_json()["error"]["parameter"] == "year"
    assert api.get(url, headers=bearer(race["vera"])).status_code == 403
    assert api.get("/api/v1/organizations/inconnue/volunteer-hours", headers=bearer(race["vera"])).status_code == 404
