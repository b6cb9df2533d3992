"""Sign-up, log-in, log-out, password reset by e-mail, safe redirects, rate limit."""
import re

import pytest

from market.redirects import safe_next
from tests.factories import PASSWORD, body_text, login, make_user


def test_signup_keeps_input_on_error_and_refuses_short_passwords(client):
    page = client.post("/inscription", data={"display_name": "Léa Dupont", "email": "pas-une-adresse",
                                             "password": PASSWORD, "confirm": PASSWORD})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Saisissez une adresse e-mail valide" in html
    assert 'value="Léa Dupont"' in html  # what was typed is kept
    html = client.post("/inscription", data={"display_name": "X", "email": "new@example.org",
                                             "password": "court", "confirm": "court"}).get_data(as_text=True)
    assert "au moins 10 caractères" in html


def test_password_is_hashed_with_a_modern_kdf():
    user = make_user()
    assert user.password_hash.startswith("scrypt:") and PASSWORD not in user.password_hash


def test_login_same_message_for_unknown_address_and_wrong_password(client):
    make_user("alice@example.org")
    wrong = client.post("/connexion", data={"email": "alice@example.org", "password": "mauvais mot"}).get_data(as_text=True)
    unknown = client.post("/connexion", data={"email": "nobody@example.org", "password": "mauvais mot"}).get_data(as_text=True)
    assert "Adresse e-mail ou mot de passe incorrect." in wrong
    assert "Adresse e-mail ou mot de passe incorrect." in unknown


def test_login_logout(client):
    make_user()
    assert login(client, "alice@example.org").status_code == 302
    assert client.get("/mon-espace").status_code == 200
    client.post("/deconnexion")
    assert client.get("/mon-espace").status_code == 302


@pytest.mark.parametrize("target,expected", [
    ("/annonces/3", "/annonces/3"), ("https://evil.example/", "/d"), ("//evil.example", "/d"),
    ("/\\evil.example", "/d"), ("javascript:alert(1)", "/d"), ("", "/d"), (None, "/d"),
])
def test_next_redirects_stay_on_this_site(target, expected):
    assert safe_next(target, "/d") == expected


def test_login_follows_local_next_only(client):
    make_user()
    response = client.post("/connexion?next=https://evil.example/", data={"email": "alice@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/mon-espace"
    client.post("/deconnexion")
    response = client.post("/connexion?next=/annuaire/", data={"email": "alice@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/annuaire/"


def test_password_reset_by_email_link(client, outbox):
    make_user("alice@example.org")
    response = client.post("/mot-de-passe-oublie", data={"email": "alice@example.org"}, follow_redirects=True)
    assert "Si un compte existe pour cette adresse" in response.get_data(as_text=True)
    messages = outbox()
    assert len(messages) == 1 and messages[0]["To"] == "alice@example.org"
    link = re.search(r"http://localhost(/mot-de-passe/\S+)", body_text(messages[0])).group(1)
    new = "un tout nouveau mot de passe"
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert login(client, "alice@example.org", new).headers["Location"] == "/mon-espace"
    # the link works once only
    assert client.get(link).status_code == 302
    assert "plus valable" in client.get(link, follow_redirects=True).get_data(as_text=True)


def test_reset_for_unknown_address_sends_nothing_and_says_the_same(client, outbox):
    response = client.post("/mot-de-passe-oublie", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "Si un compte existe pour cette adresse" in response.get_data(as_text=True)
    assert outbox() == []


def test_suspended_user_cannot_log_in(client):
    from market.extensions import db
    user = make_user()
    user.status = "suspended"
    db.session.commit()
    response = login(client, user)
    assert response.status_code == 200  # the form again, not the redirect of a successful log-in
    assert "Adresse e-mail ou mot de passe incorrect." in response.get_data(as_text=True)
    assert client.get("/mon-espace").status_code == 302


def test_login_is_rate_limited(app, client):
    from market.extensions import limiter
    make_user()
    app.config["LOGIN_RATE_LIMIT"] = "5 per minute"
    try:
        statuses = [client.post("/connexion", data={"email": "alice@example.org", "password": "faux faux faux"}).status_code
                    for _ in range(7)]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "1000 per minute"
        limiter.reset()
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


def test_user_suspended_while_logged_in_is_logged_out(client):
    from market.extensions import db
    user = make_user()
    login(client, user)
    assert client.get("/mon-espace").status_code == 200
    user.status = "suspended"
    db.session.commit()
    response = client.get("/mon-espace")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
