"""Guessing passwords and probing addresses: logins are rate-limited per address of the visitor, and
the answers do not tell whether an e-mail address has an account."""
import re

import pytest

from tests.factories import PASSWORD
from tests.security.helpers import call

WRONG = "pas le bon mot de passe"


def _page(response, typed_email: str) -> str:
    """The page without what legitimately differs: the address typed back and the CSRF token."""
    html = response.get_data(as_text=True).replace(typed_email, "EMAIL")
    return re.sub(r'name="csrf_token"[^>]*>', "", html)


def test_unknown_address_and_wrong_password_get_the_same_answer(client, world):
    unknown = call(client, "POST", "/connexion", {"email": "nobody@example.org", "password": WRONG})
    wrong = call(client, "POST", "/connexion", {"email": "owner@example.org", "password": WRONG})
    assert unknown.status_code == wrong.status_code == 200
    assert _page(unknown, "nobody@example.org") == _page(wrong, "owner@example.org")
    assert "Adresse e-mail ou mot de passe incorrect." in _page(wrong, "owner@example.org")


def test_password_reset_answers_the_same_for_unknown_addresses(client, world, outbox):
    known = call(client, "POST", "/mot-de-passe-oublie", {"email": "owner@example.org"})
    unknown = call(client, "POST", "/mot-de-passe-oublie", {"email": "nobody@example.org"})
    assert (known.status_code, known.headers["Location"]) == (unknown.status_code, unknown.headers["Location"])
    first, second = client.get(known.headers["Location"]), client.get(known.headers["Location"])
    assert first.status_code == second.status_code == 200
    assert [m["To"] for m in outbox()] == ["owner@example.org"]  # only the real account gets a link


def test_signup_never_says_whether_an_address_has_an_account(client, world):
    """Decision (issue 19): sign-up answers alike for a known and a new address; the owner of a known
    address is told by e-mail instead (tests/auth/test_signup.py). Sign-up also shares the login limit."""
    known = call(client, "POST", "/inscription", {"display_name": "X", "email": "owner@example.org",
                                                   "password": PASSWORD, "confirm": PASSWORD})
    new = call(client, "POST", "/inscription", {"display_name": "X", "email": "personne@example.org",
                                                 "password": PASSWORD, "confirm": PASSWORD})
    assert known.status_code == new.status_code == 302
    assert known.headers["Location"] == new.headers["Location"]
    assert "existe déjà" not in client.get(known.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("path,data", [
    ("/connexion", {"email": "owner@example.org", "password": WRONG}),
    ("/mot-de-passe-oublie", {"email": "owner@example.org"}),
    ("/inscription", {"display_name": "X", "email": "owner@example.org", "password": WRONG, "confirm": WRONG}),
], ids=["login", "reset", "signup"])
def test_guessing_is_rate_limited(client, world, login_limit, path, data):
    statuses = [call(client, "POST", path, data).status_code for _ in range(login_limit)]
    assert 429 not in statuses
    refused = call(client, "POST", path, data)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Trop de tentatives" in refused.get_data(as_text=True) or "<h1>" in refused.get_data(as_text=True)
    assert client.get(path).status_code == 200  # the page itself stays readable


def test_the_limit_holds_across_addresses_and_the_right_password(client, world, login_limit):
    for n in range(login_limit):
        call(client, "POST", "/connexion", {"email": f"guess{n}@example.org", "password": WRONG})
    response = call(client, "POST", "/connexion", {"email": "owner@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert call(client, "GET", "/mon-espace").status_code == 302  # not logged in


def test_a_suspended_account_is_answered_like_a_wrong_password(client, world):
    from market.extensions import db
    world["member"].status = "suspended"
    db.session.commit()
    suspended = call(client, "POST", "/connexion", {"email": "member@example.org", "password": PASSWORD})
    wrong = call(client, "POST", "/connexion", {"email": "owner@example.org", "password": WRONG})
    assert _page(suspended, "member@example.org") == _page(wrong, "owner@example.org")
