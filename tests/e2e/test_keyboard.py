"""Keyboard alone: the skip link, a visible focus on every stop, and the whole post-a-listing form."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from market.extensions import db
from market.listings.models import Listing
from tests.e2e.a11y import audit
from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, go, log_in
from tests.e2e.keyboard import focused, is_focused, tab_to, type_into


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_skip_link_takes_the_focus_to_the_content(new_page, screen):
    seed_network()
    page = new_page(screen)
    for path in ("/", "/annonces/", "/inscription"):
        go(page, path)
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Aller au contenu")
        expect(skip).to_be_focused()
        box = skip.bounding_box()
        assert box and box["y"] >= 0 and box["width"] > 20, f"the focused skip link is off screen on {path}: {box}"
        page.keyboard.press("Enter")
        assert is_focused(page, "#contenu"), f"Enter on the skip link left the focus on {focused(page)['describe']}"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.getElementById('contenu').contains(document.activeElement)"), \
            f"after the skip link, Tab went to {focused(page)['describe']} on {path}"


def walk(page, limit=200):
    """Tab through the whole page once: every stop shows its focus. Returns the stops."""
    stops = []
    first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop["tag"] == "BODY" or stop["describe"] == first:
            break
        first = first or stop["describe"]
        stops.append(stop)
    bad = [s["describe"] for s in stops if not (s["ring"] and s["visible"])]
    assert not bad, f"focus not visible on {page.url}: {bad}"
    return stops


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_focus_is_visible_on_every_stop(new_page, screen):
    net = seed_network()
    page = new_page(screen)
    go(page, "/annonces/?q=salle")  # header, menu, language switch, filters, result cards, footer
    if screen == "phone":
        # filters are folded on a phone: unfold them without moving the focus, so the walk starts at the top
        page.evaluate("document.querySelector('details[data-collapse-below]').open = true")
    assert len(walk(page)) > 20
    log_in(page, net.cinema_admin.email)
    for path in (f"/annonces/{net.sono.id}", "/annonces/nouvelle"):  # an owner's forms; every kind of field
        go(page, path)
        assert len(walk(page)) > 10


def test_the_whole_post_a_listing_form_works_with_the_keyboard_alone(new_page):
    net = seed_network()  # the cinema is verified: its listings are published at once
    page = log_in(new_page(), net.cinema_admin.email)
    go(page, "/annonces/nouvelle")

    # From here on, only the keyboard.
    keys = page.keyboard
    keys.press("Tab")
    assert is_focused(page, ".skip-link")
    keys.press("Enter")
    tab_to(page, "#organization")  # "Au nom de": the cinema, already chosen
    tab_to(page, "input[name=kind]")
    keys.press("ArrowDown")  # from "Offre" to "Besoin": arrows move and check in a radio group
    assert is_focused(page, "#kind-1") and page.eval_on_selector("#kind-1", "r => r.checked")
    tab_to(page, "#category")
    keys.type("Locaux")  # type-ahead on a closed <select>
    assert page.eval_on_selector("#category", "s => s.value") == "premises"
    type_into(page, "#title", "Salle pour notre assemblée générale")
    type_into(page, "#description", "Une salle de 40 places, un soir de semaine, avec un vidéoprojecteur si possible.")
    type_into(page, "#commune", "Vichy")
    tab_to(page, "#tags")
    keys.type("salle; assemblée")
    tab_to(page, "#urgent")  # shown for a need only
    keys.press("Space")
    assert page.eval_on_selector("#urgent", "c => c.checked")
    type_into(page, "#capacity", "40")  # the fields for premises are shown, those for equipment hidden
    tab_to(page, "#step_free")
    keys.type("Oui")
    tab_to(page, "button[type=submit]:not([name])")  # "Publier"
    with page.expect_navigation():
        keys.press("Enter")
    audit(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Salle pour notre assemblée générale")
    expect(flash(page)).to_contain_text("Votre annonce est publiée")
    db.session.rollback()
    listing = db.session.scalar(sa.select(Listing).where(Listing.title == "Salle pour notre assemblée générale"))
    assert (listing.kind, listing.category, listing.status, listing.organization_id) == \
        ("need", "premises", "published", net.cinema.id)
    assert (listing.commune_code, listing.capacity, listing.step_free, listing.urgent) == ("03310", 40, True, True)
    assert listing.tag_list == ["salle", "assemblée"] or "assemblée" in listing.tags
