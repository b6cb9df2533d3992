"""What a screen reader reads: landmarks, headings, names, errors and changes, from the browser's accessibility tree."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e import aria
from tests.e2e.data import seed_network
from tests.e2e.journeys import follow, go, log_in, open_menu_if_closed, send
from tests.factories import CUSSET, make_org

SCREENS = ["desktop", "phone"]


def read_page(page, h1: str) -> aria.Node:
    """The page's tree has no structural problem and its one level-1 heading says what the page is."""
    root = aria.read(page)
    found = aria.problems(root)
    if page.viewport_size["width"] < 600:  # the phone's closed menu hides its links: read them opened too
        open_menu_if_closed(page)
        found += [p for p in aria.problems(aria.read(page)) if p not in found]
    assert not found, f"{page.url}:\n  " + "\n  ".join(found)
    assert [h.name for h in root.all("heading") if h.attrs["level"] == "1"] == [h1]
    assert not root.all("banner")[0].all("img")  # the logo is decoration: its link is read as the site's name
    return root


def expect_cards_as_headings(root: aria.Node, titles):
    """Each result card starts with a heading that is a link to it: a screen reader jumps from card to card (H)."""
    heads = [card.all("heading")[0] for card in root.all("article")]
    assert {h.name for h in heads} >= set(titles), [h.name for h in heads]
    assert all(h.all("link") and h.all("link")[0].name == h.name for h in heads)


@pytest.mark.parametrize("screen", SCREENS)
def test_a_visitor_hears_a_clear_structure_on_every_main_page(new_page, screen):
    net = seed_network()
    page = go(new_page(screen), "/")
    expect_cards_as_headings(read_page(page, "L'entraide entre les structures de l'ESS du territoire"),
                             [net.driver.title, net.room.title])
    go(page, "/annonces/?q=salle&kind=offer")
    root = read_page(page, "Offres et besoins du réseau")
    assert [r.name for r in root.all("region")] == ["1 annonce pour « salle »"]
    expect_cards_as_headings(root, [net.room.title])
    assert "Filtrer les annonces" in [f.name for f in root.all("form")]  # filters in force stay shown
    go(page, f"/annonces/{net.room.id}")
    read_page(page, net.room.title)
    go(page, "/annuaire/")
    expect_cards_as_headings(read_page(page, "Annuaire des structures"), [net.cinema.name, net.league.name])
    go(page, f"/annuaire/{net.league.slug}")
    expect_cards_as_headings(read_page(page, net.league.name), [net.room.title, net.accountant.title])
    go(page, "/connexion")
    read_page(page, "Se connecter")
    go(page, "/inscription")
    read_page(page, "Créer un compte")


@pytest.mark.parametrize("screen", SCREENS)
def test_a_member_hears_a_clear_structure_and_distinct_link_names(new_page, screen):
    net = seed_network()
    make_org(net.cinema_admin, "Festival des courts métrages de Cusset", commune=CUSSET)  # two boards: two sets of the same links
    page = log_in(new_page(screen), net.cinema_admin.email)
    root = read_page(page, "Mon espace")
    festival = "Festival des courts métrages de Cusset"
    regions = [b.name for b in root.all("region")]
    # each structure's board and the account's security, then the panels the features register (named too)
    assert {f"{net.cinema.name} Vérifiée", f"{festival} Vérifiée", "Sécurité du compte"} <= set(regions)
    assert all(regions) and len(regions) == len(set(regions)) and "Mes achats groupés" in regions
    for name in (net.cinema.name, festival):  # each board's links say which structure they are for
        expect(page.get_by_role("link", name=f"Publier une annonce – {name}", exact=True)).to_have_count(1)
        expect(page.get_by_role("link", name=f"Membres – {name}", exact=True)).to_have_count(1)
    go(page, "/annonces/nouvelle")
    read_page(page, "Publier une offre ou un besoin")
    go(page, f"/annonces/{net.accountant.id}")  # another organisation's need: the exchange actions are shown
    read_page(page, net.accountant.title)
    go(page, "/annonces/?kind=need")
    read_page(page, "Offres et besoins du réseau")


@pytest.mark.parametrize("screen", SCREENS)
def test_the_skip_link_is_the_first_stop_and_lands_in_main(new_page, screen):
    page = go(new_page(screen), "/annonces/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
    assert page.evaluate("() => document.getElementById('contenu').contains(document.activeElement)")


def test_the_results_count_and_the_filters_button_are_announced_on_a_phone(new_page):
    net = seed_network()
    page = go(new_page("phone"), "/annonces/?q=salle")
    expect(page).to_have_title(re.compile(r"^Recherche « salle » \(1 annonce\)"))  # read first on arrival
    assert aria.disclosure(page, "Filtrer et trier les résultats")["expanded"] is False
    assert "Filtrer les annonces" not in [f.name for f in aria.read(page).all("form")]  # folded: not read
    page.get_by_text("Filtrer et trier les résultats").click()
    assert aria.disclosure(page, "Filtrer et trier les résultats")["expanded"] is True
    filters = page.get_by_role("form", name="Filtrer les annonces")
    filters.get_by_label("Mots").fill("")
    filters.get_by_role("radio", name=re.compile("^Besoins")).check()
    follow(page, filters.get_by_role("button", name="Appliquer les filtres"))
    expect(page).to_have_title(re.compile(r"^Offres et besoins \(2 annonces\)"))
    expect(page.get_by_role("region", name="2 annonces")).to_be_visible()
    assert {net.driver.title, net.accountant.title} <= {h.name for h in aria.read(page).all("heading")}

    assert aria.disclosure(page, "Menu")["expanded"] is False
    page.get_by_text("Menu", exact=True).click()
    assert aria.disclosure(page, "Menu")["expanded"] is True
    expect(page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Annuaire")).to_be_visible()


def test_flash_messages_sit_in_live_regions_and_english_is_read_in_english(new_page):
    net = seed_network()
    page = log_in(new_page(), net.cinema_admin.email)
    go(page, "/annonces/nouvelle")
    main = page.get_by_role("main")
    main.get_by_role("radio", name="Offre").check()
    main.get_by_role("textbox", name=re.compile("^Titre")).fill("Tables pliantes")
    main.get_by_role("textbox", name=re.compile("^Description")).fill("Dix tables pliantes, prêtées le week-end.")
    main.get_by_role("combobox", name=re.compile("^Commune")).fill("Vichy")
    send(page, "Publier")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tables pliantes")
    expect(page.get_by_role("status").filter(has_text="Succès :")).to_have_count(1)  # read out without moving focus
    english = page.get_by_role("button", name="English", exact=True)
    expect(english).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Français", exact=True)).to_have_attribute("lang", "fr")
