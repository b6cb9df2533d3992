"""Steps shared by the journeys: go somewhere, follow a link, send a form; every page shown is audited."""
import re

from playwright.sync_api import expect

from tests.e2e.a11y import audit
from tests.factories import PASSWORD


def go(page, path: str):
    """Open a page by its address (as a person typing it or following a bookmark)."""
    page.goto(path)
    audit(page)
    return page


def follow(page, target, **kwargs):
    """Activate a link or a submit button and audit the page it leads to.

    target: a Locator, or the accessible name of a link (a role=link lookup).
    """
    locator = page.get_by_role("link", name=target, **kwargs) if isinstance(target, (str, re.Pattern)) else target
    with page.expect_navigation():
        locator.click()
    audit(page)
    return page


def press(page, key: str):
    """A key that sends a form or follows a link (Enter, Space on a button): wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
    audit(page)
    return page


def send(page, button_name, **kwargs):
    """Click the submit button of that name and audit the answer."""
    return follow(page, page.get_by_role("button", name=button_name, **kwargs))


def log_in(page, email: str, password: str = PASSWORD):
    go(page, "/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label(re.compile(r"^Mot de passe")).fill(password)
    send(page, "Se connecter")
    expect(page).to_have_url(re.compile(r"/mon-espace$"))
    return page


def flash(page):
    """The messages shown at the top of the content (status and alert regions)."""
    return page.locator(".flash-region .flash")


def open_menu_if_closed(page):
    """On a phone the main menu is a closed disclosure: open it as a person would."""
    menu = page.locator("details[data-nav-disclosure]")
    if not menu.evaluate("d => d.open"):
        page.get_by_text("Menu", exact=True).click()
        expect(menu).to_have_attribute("open", "")
