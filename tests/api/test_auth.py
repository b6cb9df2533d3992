"""Bearer tokens: who they act for, when they stop, what they may do, how fast; the session cookie never counts."""
from datetime import date, timedelta

import pytest

from market.extensions import db, limiter
from market.listings.models import Listing
from market.tokens import services
from tests.api.conftest import bearer
from tests.api.test_writes import OFFER
from tests.factories import make_coordinator, make_listing
from tests.security.helpers import sign_in


def _count():
    return db.session.scalar(db.select(db.func.count(Listing.id)))


def test_a_revoked_token_gets_401_at_once(client, alice, cinema):
    token, raw = services.create_token(alice, "script", ["read", "write"])
    db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.post("/api/v1/listings", json=OFFER, headers=headers).status_code == 201
    services.revoke_token(make_coordinator(), token)
    db.session.commit()
    response = client.post("/api/v1/listings", json=OFFER, headers=headers)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "token_revoked"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert client.get("/api/v1/listings", headers=headers).status_code == 401
    assert _count() == 1


def test_an_expired_token_stops(client, alice, cinema):
    token, raw = services.create_token(alice, "script", ["read"], expires_on=date.today())
    token.expires_at -= timedelta(days=1)
    db.session.commit()
    response = client.get("/api/v1/listings", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "token_expired"


def test_suspending_the_account_or_the_tokens_organisation_stops_its_tokens(client, alice, cinema):
    personal = bearer(alice)
    for_cinema = bearer(alice, organization=cinema)
    cinema.status = "suspended"
    db.session.commit()
    response = client.get("/api/v1/listings", headers=for_cinema)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "organization_suspended"
    assert client.get("/api/v1/listings", headers=personal).status_code == 200
    # and the organisation's own rules refuse it for the personal token too (can_post_for)
    assert client.post("/api/v1/listings", json=OFFER, headers=personal).status_code == 403
    alice.status = "suspended"
    db.session.commit()
    assert client.get("/api/v1/listings", headers=personal).get_json()["error"]["code"] == "account_suspended"


def test_unknown_and_malformed_tokens(client):
    for header in ("Bearer ess_" + "x" * 43, "Bearer nope", "Basic YTpi", "Bearer "):
        response = client.get("/api/v1/listings", headers={"Authorization": header})
        assert response.status_code == 401 and response.get_json()["error"]["code"] == "invalid_token", header


def test_a_read_token_cannot_write(client, alice, cinema):
    response = client.post("/api/v1/listings", json=OFFER, headers=bearer(alice, scopes=["read"]))
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "insufficient_scope"
    assert _count() == 0


def test_the_last_use_is_recorded(client, alice):
    token, raw = services.create_token(alice, "script", ["read"])
    db.session.commit()
    assert token.last_used_at is None
    client.get("/api/v1/listings", headers={"Authorization": f"Bearer {raw}"})
    db.session.refresh(token)
    assert token.last_used_at is not None


def test_the_session_cookie_is_ignored_by_the_api(client, alice, cinema):
    """A draft is visible to its owner on the site; on the API without a token, to nobody."""
    draft = make_listing(alice, cinema, submit=False)
    sign_in(client, alice)
    assert client.get(f"/annonces/{draft.id}").status_code == 200
    assert client.get(f"/api/v1/listings/{draft.id}/matches").status_code == 404
    assert client.get(f"/api/v1/my/listings/{draft.id}").status_code == 401
    assert client.post("/api/v1/listings", json=OFFER).status_code == 401
    assert client.get(f"/api/v1/my/listings/{draft.id}", headers=bearer(alice)).status_code == 200


def test_matches_answer_the_same_with_or_without_a_browser_session(client, alice, cinema):
    listing = make_listing(alice, cinema)
    anonymous = client.get(f"/api/v1/listings/{listing.id}/matches").get_json()
    sign_in(client, alice)
    assert client.get(f"/api/v1/listings/{listing.id}/matches").get_json() == anonymous


def test_not_json_and_broken_json(client, alice, cinema):
    headers = bearer(alice)
    response = client.post("/api/v1/listings", data="title=x", headers=headers)
    assert response.status_code == 415 and response.get_json()["error"]["code"] == "unsupported_media_type"
    response = client.post("/api/v1/listings", data="{not json", content_type="application/json", headers=headers)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "malformed_json"
    response = client.post("/api/v1/listings", json=[1, 2], headers=headers)
    assert response.status_code == 422


@pytest.fixture
def low_api_limit(app):
    previous = app.config["API_RATE_LIMIT"]
    limiter.reset()
    app.config["API_RATE_LIMIT"] = "3 per minute"
    yield
    app.config["API_RATE_LIMIT"] = previous
    limiter.reset()


def test_the_rate_limit_is_per_token_with_retry_after(client, alice, low_api_limit):
    first, second = bearer(alice, name="un"), bearer(alice, name="deux")
    statuses = [client.get("/api/v1/listings", headers=first).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/listings", headers=first)
    assert limited.get_json()["error"]["code"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    assert client.get("/api/v1/listings", headers=second).status_code == 200  # another token, its own budget
