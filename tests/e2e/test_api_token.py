"""A member creates an API token in Mon espace on a phone, copies it once, posts an offer with it, then revokes it: 401."""
import re

from playwright.sync_api import expect

from tests.e2e.a11y import audit
from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, follow, log_in, send

OFFER = {"kind": "offer", "category": "equipment", "title": "Barnum pliant 3 x 3 m",
         "description": "Un barnum pour vos marchés et fêtes de village.", "commune": "Vichy", "terms": "loan"}


def test_a_token_is_shown_once_works_and_stops_when_revoked(new_page):
    net = seed_network()
    page = log_in(new_page("phone"), net.cinema_admin.email)  # on a phone: the long token and tables fit
    follow(page, "Gérer mes jetons d'accès")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jetons d'accès")
    page.get_by_label("Nom du jeton").fill("Site de l'association")
    page.get_by_label(re.compile(r"^Écriture")).check()
    send(page, "Créer le jeton")
    secret = page.get_by_label("Jeton", exact=True).input_value()
    assert secret.startswith("ess_")
    audit(page)  # the page showing the secret and its curl line: no horizontal scrolling at 375 px

    headers = {"Authorization": f"Bearer {secret}"}
    posted = page.request.post("/api/v1/listings", data=OFFER, headers=headers)
    assert posted.status == 201 and posted.json()["status"] == "published"

    page.reload()  # the browser sends the form again: no second token, and the secret is not shown again
    audit(page)
    expect(flash(page)).to_contain_text("déjà été créé")
    assert secret not in page.content()
    expect(page.get_by_role("row", name=re.compile("Site de l'association"))).to_contain_text(re.compile(r"\d{2}:\d{2}"))
    send(page, re.compile(r"^Révoquer"))
    expect(flash(page)).to_contain_text("ne fonctionne plus")
    refused = page.request.get("/api/v1/saved-searches", headers=headers)
    assert refused.status == 401 and refused.json()["error"]["code"] == "token_revoked"
