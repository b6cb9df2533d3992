"""The layout at 375 px (a phone) and 1280 px (a laptop): the menu, its unread count, tables read as cards."""
import pytest
from playwright.sync_api import expect

from market.extensions import db
from market.notifications.models import Notification
from tests.e2e.data import seed_network
from tests.e2e.exchange_data import FRIDAY, next_weekday, request_booking, theatre
from tests.e2e.journeys import go, log_in, open_menu_if_closed

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
NAV_ITEMS = "nav[aria-label='Menu principal'] .nav__item"


def _unread(user, n=3):
    for i in range(n):
        db.session.add(Notification(user_id=user.id, kind="test", title=f"Nouvelle demande {i}", url="/"))
    db.session.commit()


def _lines(page) -> dict[str, int]:
    """Each menu item's text -> the middle of its box (items on one line share it)."""
    return dict(page.eval_on_selector_all(NAV_ITEMS, "items => items.map(i => { const r = i.getBoundingClientRect(); "
                                                      "return [i.innerText.trim().split('\\n')[0], "
                                                      "Math.round(r.top + r.height / 2)]; })"))


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_at_1280_px_a_coordinator_s_menu_holds_on_one_line_with_the_unread_count(new_page):
    net = seed_network()
    _unread(net.coordinator)
    page = log_in(new_page(**LAPTOP), net.coordinator.email)
    lines = _lines(page)
    assert {"Modération", "Se déconnecter", "Mes correspondances"} <= set(lines)
    assert len(set(lines.values())) == 1, lines
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Notifications 3 non lues")).to_be_visible()
    expect(page.locator(".site-nav__toggle")).to_be_hidden()  # no "Menu" button on a laptop
    # the language switch sits on the first row, level with the search button
    switch = page.get_by_role("group", name="Langue du site").bounding_box()
    search = page.get_by_role("button", name="Rechercher").bounding_box()
    assert abs(switch["y"] - search["y"]) < 4 and switch["x"] > search["x"] + search["width"]


def test_at_1280_px_the_account_links_never_leave_se_deconnecter_alone(new_page):
    """Narrower, the account group goes to the next line as a whole."""
    net = seed_network()
    page = log_in(new_page(viewport={"width": 1000, "height": 800}), net.coordinator.email)
    lines = _lines(page)
    assert lines["Se déconnecter"] == lines["Mon espace"] == lines["Modération"], lines
    assert lines["Offres et besoins"] == lines["Publier une annonce"], lines


def test_on_a_phone_the_closed_menu_shows_the_unread_count(new_page):
    net = seed_network()
    _unread(net.cinema_admin, 2)
    page = log_in(new_page(**PHONE), net.cinema_admin.email)
    toggle = page.locator("summary.site-nav__toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("details[data-nav-disclosure]")).not_to_have_attribute("open", "")
    expect(toggle).to_have_accessible_name("Menu 2 notifications non lues")
    expect(toggle.locator(".badge")).to_be_visible()
    open_menu_if_closed(page)
    expect(page.get_by_role("link", name="Notifications 2 non lues")).to_be_visible()
    _no_sideways_scroll(page)


def _cards(page, table):
    """Every body cell's label (data-label) is its column's header, and the cell is laid out as a block."""
    headers = table.locator("thead th").all_inner_texts()
    for row in table.locator("tbody tr").all()[:3]:
        cells = row.locator("th, td")
        for i in range(cells.count()):
            cell = cells.nth(i)
            expect(cell).to_have_attribute("data-label", headers[i].strip())
            assert cell.evaluate("c => getComputedStyle(c).display") == "block"


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_the_loan_availability_and_history_tables_are_cards_on_a_phone_and_tables_for_screen_readers(
        app, new_page, screen):
    net = seed_network()
    actor, company = theatre()
    request_booking(app, net.cinema_admin, net.cinema, net.room, next_weekday(FRIDAY), 18, 20)
    page = log_in(new_page(**(PHONE if screen == "phone" else LAPTOP)), net.league_admin.email)
    for path in (f"/prets/materiel/{net.sono.id}", f"/echanges/structure/{net.league.slug}"):
        go(page, path)
        table = page.get_by_role("table").first
        expect(table).to_be_visible()
        # a table for screen readers whatever its look: rows, column headers, cells
        assert table.get_by_role("columnheader").count() >= 2 and table.get_by_role("row").count() >= 2
        if screen == "phone":
            _cards(page, table)
            expect(table.locator("thead")).not_to_be_in_viewport()
            _no_sideways_scroll(page)
        else:
            assert table.locator("tbody td").first.evaluate("c => getComputedStyle(c).display") == "table-cell"


def test_moderation_tables_are_cards_on_a_phone(new_page):
    net = seed_network()
    page = log_in(new_page(**PHONE), net.coordinator.email)
    for path in ("/moderation/comptes/", "/moderation/structures/"):
        go(page, path)
        table = page.get_by_role("table").first
        assert table.get_by_role("rowheader").count() >= 1 and table.get_by_role("cell").count() >= 1
        _cards(page, table)
        _no_sideways_scroll(page)
