"""Stored XSS: a hostile payload in every text field comes back escaped on every page, in the API
as plain strings and in the HTML part of e-mails; search terms are echoed escaped."""
import json
from urllib.parse import quote

import pytest
from markupsafe import escape

from market.forms import strip_invisible
from tests.security import xss_world
from tests.security.helpers import active_content, call, sign_in
from tests.security.payloads import XSS

SECRET = "test-secret"  # the session app's SECRET_KEY: a template injection would print it


def assert_inert(html: str, payload: str, where: str) -> None:
    assert active_content(html) == [], where
    if any(c in payload for c in "<>\"'"):
        assert payload not in html, f"{where}: payload verbatim"
    assert SECRET not in html, f"{where}: template injection"


def _pages(w):
    premises, need, org = w["premises"], w["need"], w["org"]
    return [
        (None, "/"), (None, "/annonces/"), (None, f"/annonces/{premises.id}"), (None, f"/annonces/{need.id}"),
        (None, "/annuaire/"), (None, f"/annuaire/{org.slug}"), (None, "/annonces/?category=premises"),
        ("owner", "/mon-espace"), ("owner", f"/annonces/{premises.id}/modifier"),
        ("owner", f"/structures/{org.slug}/modifier"), ("owner", f"/structures/{org.slug}/membres"),
        ("owner", "/correspondances"), ("volunteer", "/benevole"), ("volunteer", "/mon-espace"),
        ("reporter", f"/annonces/{premises.id}"), ("reporter", "/correspondances"),
        ("coordinator", "/moderation/"), ("coordinator", f"/moderation/annonces/{w['pending'].id}"),
        ("coordinator", "/moderation/structures/"), ("coordinator", f"/moderation/structures/{org.slug}"),
        ("coordinator", f"/moderation/structures/{w['pending_org'].slug}"),
        ("coordinator", "/moderation/comptes/"), ("coordinator", f"/moderation/comptes/{w['owner'].id}"),
        ("coordinator", "/moderation/signalements/"), ("coordinator", "/moderation/journal/"),
    ]



@pytest.mark.parametrize("payload", XSS)
def test_pages_show_the_payload_escaped(app, payload):
    w = xss_world.build(payload)
    for role, url in _pages(w):
        client = app.test_client()
        if role:
            sign_in(client, w[role])
        response = call(client, "GET", url)
        assert response.status_code == 200, (role, url, response.status_code, response.headers.get("Location"))
        html = response.get_data(as_text=True)
        assert_inert(html, payload, f"{role} {url}")
        # forms show a stored value cleaned of invisible characters (market/forms.py), other pages as stored
        assert str(escape(payload)) in html or str(escape(strip_invisible(payload))) in html, \
            f"{role} {url}: the payload is not shown (test would be vacuous)"


@pytest.mark.parametrize("payload", XSS)
def test_a_message_in_a_conversation_is_escaped(app, payload):
    w = xss_world.build(payload)
    client = app.test_client()
    sign_in(client, w["reporter"])
    response = client.post(f"/conversations/nouvelle/{w['premises'].id}",
                           data={"organization": w["other_org"].slug, "body": payload})
    assert response.status_code == 302, response.status_code
    conversation_url = response.headers["Location"]
    for role in ("reporter", "owner"):
        client = app.test_client()
        sign_in(client, w[role])
        for url in (conversation_url, "/conversations/"):
            html = call(client, "GET", url).get_data(as_text=True)
            assert_inert(html, payload, f"{role} {url}")
        assert str(escape(payload)) in call(client, "GET", conversation_url).get_data(as_text=True)


@pytest.mark.parametrize("payload", XSS)
def test_search_terms_are_echoed_escaped(app, payload):
    """Reflected XSS: what is typed in a search box comes back in the page, escaped."""
    w = xss_world.build(payload)
    q = quote(payload)
    for role, url in [(None, f"/annonces/?q={q}"), (None, f"/annuaire/?q={q}"), (None, f"/annonces/?commune={q}"),
                      (None, f"/annuaire/?sector={q}"), ("coordinator", f"/moderation/comptes/?q={q}"),
                      ("coordinator", f"/moderation/structures/?q={q}"), (None, f"/connexion?next={q}")]:
        client = app.test_client()
        if role:
            sign_in(client, w[role])
        response = call(client, "GET", url)
        assert response.status_code in (200, 400), (url, response.status_code)
        assert_inert(response.get_data(as_text=True), payload, url)


@pytest.mark.parametrize("payload", XSS)
def test_the_api_returns_plain_strings(app, client, payload):
    w = xss_world.build(payload)
    listing = client.get(f"/api/v1/listings/{w['premises'].id}")
    assert listing.mimetype == "application/json" and listing.headers["X-Content-Type-Options"] == "nosniff"
    data = listing.get_json()
    assert data["title"] == payload and data["description"] == f"{payload}\n{payload}"
    organization = client.get(f"/api/v1/organizations/{w['org'].slug}").get_json()
    assert organization["name"] == payload and organization["website"] == payload
    for url in ("/api/v1/listings", "/api/v1/organizations", f"/api/v1/listings/{w['need'].id}",
                f"/api/v1/listings/{w['other_need'].id}/matches"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/json", url
        json.loads(response.get_data(as_text=True))  # valid JSON whatever the payload


@pytest.mark.parametrize("payload", XSS)
def test_emails_escape_the_payload_in_html(app, outbox, payload):
    w = xss_world.build(payload)
    xss_world.decide(w, payload)
    messages = outbox()
    assert len(messages) >= 4, [m["Subject"] for m in messages]
    shown = 0
    for message in messages:
        html_part = message.get_body(preferencelist=("html",))
        assert html_part is not None, message["Subject"]
        html = html_part.get_content()
        assert_inert(html, payload, f"e-mail « {message['Subject']} »")
        shown += str(escape(payload)) in html
    assert shown >= 3, "the e-mails do not quote the payload (test would be vacuous)"
