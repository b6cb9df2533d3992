"""Tokens in Mon espace: created with a name, shown once, stored hashed, listed with their last use, revoked at once."""
import re

from market.extensions import db
from market.tokens import queries, rules, services
from market.tokens.models import PersonalAccessToken
from tests.factories import make_coordinator, make_user
from tests.security.helpers import sign_in


def _create(client, **data):
    form = {"name": "Site de l'association", "scopes": ["read", "write"], **data}
    return client.post("/mon-espace/jetons", data=form)


def test_a_member_creates_a_token_shown_once_and_stored_hashed(client, alice):
    sign_in(client, alice)
    page = _create(client).get_data(as_text=True)
    secret = re.search(r'value="(ess_[A-Za-z0-9_-]+)"', page).group(1)
    token = db.session.scalars(db.select(PersonalAccessToken)).one()
    assert token.token_hash == rules.digest(secret) and secret not in (token.token_hash, token.prefix)
    assert token.scope_list == ["read", "write"] and secret.startswith(token.prefix)
    again = client.get("/mon-espace/jetons").get_data(as_text=True)
    assert secret not in again and "Site de l&#39;association" in again and token.prefix in again
    assert "jamais" in again  # never used yet


def test_a_token_without_a_name_keeps_what_was_typed(client, alice):
    sign_in(client, alice)
    response = _create(client, name="", expires_on="12/05/2020")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Donnez un nom au jeton" in page and "12/05/2020" in page
    assert db.session.scalar(db.select(db.func.count(PersonalAccessToken.id))) == 0


def test_the_owner_revokes_and_another_member_cannot(client, alice):
    token, _raw = services.create_token(alice, "tableur", ["read"])
    db.session.commit()
    other = make_user("bob@example.org", "Bob")
    sign_in(client, other)
    assert client.post(f"/mon-espace/jetons/{token.id}/revoquer").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None
    sign_in(client, alice)
    assert client.post(f"/mon-espace/jetons/{token.id}/revoquer").status_code == 302
    db.session.refresh(token)
    assert token.revoked_at is not None and token.revoked_by_id == alice.id


def test_a_coordinator_sees_and_revokes_any_token(client, alice):
    token, _raw = services.create_token(alice, "script", ["read", "write"])
    db.session.commit()
    coordinator = make_coordinator()
    sign_in(client, coordinator)
    assert "script" in client.get("/moderation/jetons").get_data(as_text=True)
    response = client.post(f"/mon-espace/jetons/{token.id}/revoquer", data={"next": "/moderation/jetons"})
    assert response.headers["Location"].endswith("/moderation/jetons")
    db.session.refresh(token)
    assert token.revoked_by_id == coordinator.id
    assert queries.active_tokens() == []
    assert "révoqué" in client.get("/moderation/journal/").get_data(as_text=True)


def test_the_dashboard_links_to_the_tokens_page(client, alice):
    sign_in(client, alice)
    assert "/mon-espace/jetons" in client.get("/mon-espace").get_data(as_text=True)


def test_the_command_line_creates_and_revokes_a_token(runner, client, alice):
    result = runner.invoke(args=["market", "create-token", alice.email, "script", "--write"])
    assert result.exit_code == 0, result.output
    raw = result.output.strip()
    assert client.get("/api/v1/saved-searches", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    assert runner.invoke(args=["market", "revoke-token", raw[:10]]).output.startswith("1 ")
    assert client.get("/api/v1/saved-searches", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_sending_the_same_form_twice_creates_one_token(client, alice):
    sign_in(client, alice)
    nonce = re.search(r'name="nonce"[^>]*value="([^"]+)"', client.get("/mon-espace/jetons").get_data(as_text=True))
    assert nonce
    first = _create(client, nonce=nonce.group(1))
    assert "ess_" in first.get_data(as_text=True)
    again = _create(client, nonce=nonce.group(1))  # the browser's reload of the page that showed it
    assert again.status_code == 302
    assert db.session.scalar(db.select(db.func.count(PersonalAccessToken.id))) == 1
