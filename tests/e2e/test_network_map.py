"""The map of actors, with the markers loaded by the script and without JavaScript (the list is the same
actors, sorted by distance); then the agenda and its month on a phone. Every page passes the audit."""
import re

from playwright.sync_api import expect

from market.extensions import db
from market.network import queries, services
from tests.e2e.journeys import follow, go
from tests.factories import make_coordinator, make_org, make_user
from tests.network.helpers import ARRONNES, VICHY, make_meeting

FOCUSABLE_IN_MAP = "#network-map a[href]:not([tabindex='-1']), #network-map [tabindex]:not([tabindex='-1']), #network-map button"


def _seed():
    make_org(make_user("cine@example.org"), name="Cinéma de Vichy", commune=VICHY)
    admin = make_user("sel@example.org", "Équipe SEL")
    sel = make_org(admin, name="SEL d'Arronnes", commune=ARRONNES)
    services.set_place(admin, sel, (46.0581, 3.5633), 15, ["03095", "03310"])
    db.session.commit()
    return make_meeting(make_coordinator(), host=sel, capacity=12, title="Petit déjeuner : prêter nos salles")


def test_map_with_and_without_javascript_and_the_agenda_on_a_phone(new_page, monkeypatch):
    meeting = _seed()
    page = go(new_page(), "/carte?near=Vichy&km=20")
    the_map = page.locator("#network-map")
    expect(the_map).to_have_attribute("data-markers", "2")  # the script fetched /carte/acteurs.json
    expect(the_map).to_be_visible()
    results = page.get_by_role("region", name=re.compile("acteurs autour de Vichy"))
    expect(results.get_by_role("heading", level=2)).to_have_text("2 acteurs autour de Vichy (jusqu'à 20 km)")
    names = results.get_by_role("heading", level=3)
    expect(names).to_have_text(["Cinéma de Vichy", "SEL d'Arronnes"])  # nearest first
    expect(page.locator(FOCUSABLE_IN_MAP)).to_have_count(0)  # no tab stop inside the map: no trap

    # The catchment area on demand, from a button of the list.
    toggle = results.get_by_role("button", name="Afficher la zone desservie sur la carte")
    expect(toggle).to_have_count(1)
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#network-map .leaflet-overlay-pane path")).not_to_have_count(0)
    expect(page.get_by_role("button", name="Voir sur la carte")).to_have_count(2)
    expect(page.locator("[data-map-status]")).to_have_text("2 / 2")

    # A network larger than the map holds: the nearest shown, and the page says how many are left out.
    monkeypatch.setattr(queries, "MAP_LIMIT", 1)
    crowded = go(new_page(), "/carte?near=Vichy&km=20")
    expect(crowded.locator("#network-map")).to_have_attribute("data-markers", "1")
    expect(crowded.locator("[data-map-status]")).to_have_text("1 / 2")
    crowded_results = crowded.get_by_role("region", name=re.compile("acteur autour de Vichy"))
    expect(crowded_results.get_by_role("heading", level=3)).to_have_text(["Cinéma de Vichy"])
    expect(crowded_results.get_by_role("status")).to_contain_text("Le plus proche est affiché (2 acteurs")
    monkeypatch.undo()

    # Without the scripts (not loaded, blocked, or JavaScript off), on a phone: no map, the same list,
    # the catchment in words. (Scripts are refused by the network rather than JavaScript turned off:
    # the audit itself runs in the page.)
    plain = new_page("phone")
    plain.route(re.compile(r"\.js(\?|$)"), lambda route: route.abort())
    plain = go(plain, "/carte?near=Vichy&km=20")
    expect(plain.locator("#network-map")).to_be_hidden()
    plain_results = plain.get_by_role("region", name=re.compile("acteurs autour de Vichy"))
    expect(plain_results.get_by_role("heading", level=3)).to_have_text(["Cinéma de Vichy", "SEL d'Arronnes"])
    expect(plain_results.get_by_text(re.compile(r"à 1\d(,\d)? km"))).to_be_visible()
    plain_results.get_by_text("Zone desservie").click()
    expect(plain_results.get_by_text("Dans un rayon de 15 km.")).to_be_visible()

    # The agenda and its month, on the same phone.
    go(plain, "/agenda")
    follow(plain, meeting.title)
    expect(plain.get_by_role("heading", level=1)).to_have_text(meeting.title)
    expect(plain.get_by_role("link", name="Connectez-vous pour vous inscrire.")).to_be_visible()
    follow(plain, "← Agenda du réseau")
    follow(plain, "Vue par mois")
    expect(plain.get_by_role("heading", level=1)).to_contain_text("Agenda du réseau")
