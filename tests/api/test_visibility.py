"""Only what the public sees on the site comes out of the API: no drafts, pending or hidden listings."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.listings.services import close_listing
from market.types import utcnow
from tests.factories import make_listing, make_org, make_user


@pytest.fixture
def listings(alice, cinema):
    """One public listing and one of each kind that must stay out of the API."""
    pending_org = make_org(make_user("carole@example.org", "Carole"), name="Nouvelle asso", status="pending")
    suspended_org = make_org(make_user("dan@example.org", "Dan"), name="Asso suspendue")
    made = {
        "public": make_listing(alice, cinema, title="Publique"),
        "draft": make_listing(alice, cinema, title="Brouillon", submit=False),
        "pending": make_listing(pending_org.admins()[0], pending_org, title="En attente"),
        "closed": make_listing(alice, cinema, title="Clôturée"),
        "expired": make_listing(alice, cinema, title="Expirée"),
        "hidden": make_listing(alice, cinema, title="Masquée"),
        "suspended_org": make_listing(suspended_org.admins()[0], suspended_org, title="Suspendue"),
    }
    close_listing(alice, made["closed"], "fulfilled")
    made["expired"].expires_at = utcnow() - timedelta(minutes=1)
    made["hidden"].hidden = True
    suspended_org.status = "suspended"
    db.session.commit()
    return made


def test_the_list_shows_only_public_listings(client, listings):
    body = client.get("/api/v1/listings?per_page=100").get_json()
    assert [item["title"] for item in body["items"]] == ["Publique"]
    assert body["total"] == 1


@pytest.mark.parametrize("name", ["draft", "pending", "closed", "expired", "hidden", "suspended_org"])
def test_a_listing_the_public_cannot_see_is_a_json_404(client, listings, name):
    response = client.get(f"/api/v1/listings/{listings[name].id}")
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": "not_found", "status": 404, "message": "Annonce introuvable.", "fields": {}}}


def test_a_suspended_authors_listing_disappears(client, listings, alice):
    assert client.get(f"/api/v1/listings/{listings['public'].id}").status_code == 200
    alice.status = "suspended"
    db.session.commit()
    assert client.get(f"/api/v1/listings/{listings['public'].id}").status_code == 404
    assert client.get("/api/v1/listings").get_json()["total"] == 0


def test_an_unknown_listing_id_is_a_json_404(client):
    response = client.get("/api/v1/listings/999999")
    assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


@pytest.mark.parametrize("name", ["public", "draft", "pending", "closed", "expired", "hidden"])
def test_matches_answer_the_same_with_or_without_the_owners_session_cookie(app, client, listings, alice, name):
    """The API reads no session: the owner logged in on the site gets no draft's matches through it."""
    from tests.factories import login
    make_listing(make_user("besoin@example.org", "Bea"), None, kind="need", title="Besoin de la même chose")
    url = f"/api/v1/listings/{listings[name].id}/matches"
    anonymous = client.get(url)
    owner = app.test_client()
    login(owner, alice)
    logged_in = owner.get(url)
    assert (logged_in.status_code, logged_in.get_json()) == (anonymous.status_code, anonymous.get_json())
    assert anonymous.status_code == (200 if name == "public" else 404)
