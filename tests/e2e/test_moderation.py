"""A coordinator approves a need waiting for moderation; the network then finds it."""
import re

from playwright.sync_api import expect

from tests.e2e.journeys import flash, follow, go, log_in
from tests.factories import CUSSET, make_coordinator, make_listing, make_org, make_user

NEED = "Vidéoprojecteur pour une lecture publique"


def test_coordinator_approves_a_pending_need_and_it_becomes_searchable(new_page):
    make_coordinator("coord@example.org")
    author = make_user("berenice@example.org", "Bérénice Braille")
    org = make_org(author, "Lecteurs en braille de l'Allier", status="pending")
    need = make_listing(author, org, kind="need", title=NEED, commune_code=CUSSET, terms="free",
                        description="Pour une lecture à voix haute à la médiathèque.", tags="vidéo; lecture")
    assert need.status == "pending"

    visitor = go(new_page(), "/annonces/?q=vidéoprojecteur")
    expect(visitor.get_by_role("link", name=NEED)).to_have_count(0)

    page = log_in(new_page(), "coord@example.org")
    follow(page, page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Modération"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annonces en attente de modération")
    item = page.get_by_role("article", name=NEED)
    expect(item.get_by_text("À vérifier")).to_be_visible()  # the organisation's status, in words
    follow(page, item.get_by_role("button", name="Approuver et publier"))
    expect(flash(page)).to_contain_text(f"Annonce « {NEED} » approuvée")
    expect(page.get_by_text("Aucune annonce en attente")).to_be_visible()

    go(visitor, "/annonces/?q=vidéoprojecteur")
    results = visitor.get_by_role("region", name=re.compile("annonce"))
    expect(results.get_by_role("link", name=NEED)).to_be_visible()
