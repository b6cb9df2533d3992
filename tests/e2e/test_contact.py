"""Another member finds a need through search and contacts the organisation that posted it."""
import re

from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, follow, go, log_in, send


def test_member_finds_a_need_through_search_and_contacts_its_owner(new_page):
    net = seed_network()
    page = log_in(new_page(), net.league_admin.email)

    page.get_by_role("search").get_by_label("Rechercher une offre ou un besoin").fill("chauffeur")
    send(page, "Rechercher")
    results = page.get_by_role("region", name=re.compile("annonce"))
    follow(page, results.get_by_role("link", name=net.driver.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(net.driver.title)

    follow(page, page.get_by_role("main").get_by_role("link", name=re.compile(r"^Contacter")))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Contacter {net.cinema.name}")
    main = page.get_by_role("main")
    main.get_by_label("Au nom de", exact=False).select_option(label=net.league.name)
    message = "Bonjour, un de nos bénévoles peut conduire le minibus demain après-midi."
    main.get_by_label("Votre message").fill(message)
    send(page, "Envoyer le message")
    expect(flash(page)).to_contain_text(f"Message envoyé à {net.cinema.name}")
    expect(page.get_by_text(message)).to_be_visible()

    # The owner reads it in its conversations.
    owner = log_in(new_page(), net.cinema_admin.email)
    go(owner, "/conversations/")
    follow(owner, owner.get_by_role("main").get_by_role("link", name=re.compile(re.escape(net.driver.title))))
    expect(owner.get_by_text(message)).to_be_visible()
