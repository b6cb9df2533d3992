"""A visitor, not logged in, searches and filters offers and needs, on a computer and on a phone."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.journeys import follow, go, open_menu_if_closed, send


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_visitor_searches_filters_and_opens_a_listing(new_page, screen):
    net = seed_network()
    page = go(new_page(screen), "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("L'entraide entre les structures")
    urgent = page.get_by_role("region", name="Besoins urgents")
    expect(urgent.get_by_role("link", name=net.driver.title)).to_be_visible()

    # The search box of the header, with a word in lower case and without its accent-bearing ending.
    header_search = page.get_by_role("search")
    header_search.get_by_label("Rechercher une offre ou un besoin").fill("sono")
    send(page, "Rechercher")
    expect(page).to_have_url(re.compile(r"/annonces/\?q=sono"))
    results = page.get_by_role("region", name=re.compile("annonce"))
    expect(results.get_by_role("heading", level=2)).to_have_text("1 annonce pour « sono »")
    expect(results.get_by_role("link", name=net.sono.title)).to_be_visible()

    # On a phone the filters wait behind a button above the results; on a computer they are shown.
    toggle = page.get_by_text("Filtrer et trier les résultats")
    filters = page.get_by_role("form", name="Filtrer les annonces")
    if screen == "phone":
        expect(filters).to_be_hidden()
        toggle.click()
    else:
        expect(toggle).to_be_hidden()
    expect(filters).to_be_visible()

    # Filters: words cleared, needs only, then volunteering needs only.
    filters.get_by_label("Mots").fill("")
    filters.get_by_label(re.compile(r"^Besoins")).check()
    follow(page, filters.get_by_role("button", name="Appliquer les filtres"))
    expect(page).to_have_url(re.compile(r"kind=need"))
    expect(results.get_by_role("heading", level=2)).to_have_text("2 annonces")
    expect(results.get_by_role("link", name=net.accountant.title)).to_be_visible()
    expect(results.get_by_role("link", name=net.driver.title)).to_be_visible()
    expect(results.get_by_role("link", name=net.sono.title)).to_have_count(0)

    filters.get_by_label("Catégorie").select_option("volunteering")
    follow(page, filters.get_by_role("button", name="Appliquer les filtres"))
    expect(results.get_by_role("heading", level=2)).to_have_text("1 annonce")
    card = results.get_by_role("article").filter(has_text=net.driver.title)
    expect(card.get_by_text("Urgent", exact=True)).to_be_visible()  # a badge in words, not a colour

    # A commune filter, typed as people do, then every filter removed.
    filters.get_by_label("Catégorie").select_option("")
    filters.get_by_label("Tout", exact=True).check()
    filters.get_by_label("Commune", exact=True).fill("Cusset")
    follow(page, filters.get_by_role("button", name="Appliquer les filtres"))
    expect(results.get_by_role("heading", level=2)).to_have_text("1 annonce")
    expect(results.get_by_role("link", name=net.room.title)).to_be_visible()
    follow(page, "Effacer les filtres")
    expect(results.get_by_role("heading", level=2)).to_have_text("4 annonces")

    # The listing page, then its organisation in the directory.
    follow(page, results.get_by_role("link", name=net.room.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(net.room.title)
    expect(page.get_by_text("50,00")).to_be_visible()
    follow(page, page.get_by_role("main").get_by_role("link", name=net.league.name))
    expect(page.get_by_role("heading", level=1)).to_have_text(net.league.name)

    open_menu_if_closed(page)
    follow(page, page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Annuaire"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des structures")
    expect(page.get_by_role("link", name=net.cinema.name)).to_be_visible()
