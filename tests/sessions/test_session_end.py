"""Logging out, "log out everywhere" and a password reset end every copy of the account's cookies."""
import re

from market.auth import tokens
from market.extensions import db
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "un tout nouveau mot de passe"


def _login(client, remember=False):
    data = {"email": "alice@example.org", "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/connexion", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/mon-espace")


def _cookies(client) -> dict:
    return {c.key: c.value for c in client._cookies.values()}


def _replay(app, cookies: dict):
    """A second browser holding copies of the cookies."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief.get("/mon-espace")


def _is_login_page(response) -> bool:
    return response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_a_session_cookie_copied_before_logout_no_longer_opens_mon_espace(app, client):
    make_user()
    _login(client)
    copied = _cookies(client)
    assert _replay(app, copied).status_code == 200  # the copy works while the session lives
    client.post("/deconnexion")
    assert _is_login_page(_replay(app, copied))


def test_a_remember_cookie_replayed_after_logout_does_not_log_in(app, client):
    make_user()
    _login(client, remember=True)
    remember = {k: v for k, v in _cookies(client).items() if k == "remember_token"}
    assert remember, "the login form's 'remember me' sets a remember cookie"
    assert _replay(app, remember).status_code == 200  # alone, it logs in again
    client.post("/deconnexion")
    assert _is_login_page(_replay(app, remember))


def test_log_out_everywhere_ends_the_other_browsers_sessions(app, client):
    make_user()
    laptop, phone = app.test_client(), app.test_client()
    _login(laptop, remember=True)
    _login(phone)
    response = phone.post("/deconnexion-partout")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    assert _is_login_page(laptop.get("/mon-espace"))
    assert _is_login_page(_replay(app, _cookies(laptop)))
    _login(laptop)  # logging in again works at once
    assert laptop.get("/mon-espace").status_code == 200


def test_a_password_reset_ends_sessions_opened_before_it(app, client):
    alice = make_user()
    _login(client, remember=True)
    copied = _cookies(client)
    other = app.test_client()
    link = f"/mot-de-passe/{tokens.make_reset_token(alice)}"
    assert other.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert _is_login_page(client.get("/mon-espace"))
    assert _is_login_page(_replay(app, copied))
    db.session.expire_all()
    assert other.post("/connexion", data={"email": alice.email, "password": NEW_PASSWORD}).status_code == 302


def test_pages_of_a_signed_in_person_are_not_stored_by_the_browser(client):
    make_user()
    _login(client)
    for url in ("/mon-espace", "/", "/annonces/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store", url
    with client.get("/static/css/" + _a_stylesheet(client)) as static:  # files stay cacheable
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_a_cookie_with_a_bare_id_or_garbage_is_anonymous(app):
    alice = make_user()
    for value in (str(alice.id), f"{alice.id}:abc", "x:1", f"{alice.id}:{10**30}", ""):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"] = value
        assert _is_login_page(browser.get("/mon-espace")), value


def _a_stylesheet(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'/static/css/([^"?]+)', page).group(1)
