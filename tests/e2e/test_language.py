"""The language switch: English and back, the choice kept from page to page (and, for a member, in the account)."""
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import expect

from market.accounts.models import User
from market.extensions import db
from tests.e2e.journeys import follow, go, log_in
from tests.factories import make_user


def expect_language(page, lang):
    expect(page.locator("html")).to_have_attribute("lang", lang)
    own, other = ("Français", "English") if lang == "fr" else ("English", "Français")
    expect(page.get_by_role("button", name=own, exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=other, exact=True)).to_have_attribute("aria-pressed", "false")


def english_catalogue(app) -> bool:
    return (Path(app.root_path) / "translations" / "en" / "LC_MESSAGES" / "messages.mo").exists()


def test_visitor_switches_to_english_and_back(page, app):
    go(page, "/annonces/?kind=offer")
    expect_language(page, "fr")
    french_title = page.get_by_role("heading", level=1).inner_text()

    follow(page, page.get_by_role("button", name="English", exact=True))
    expect_language(page, "en")
    assert page.url.endswith("/annonces/?kind=offer")  # back on the same page, its filters kept
    english_title = page.get_by_role("heading", level=1).inner_text()
    if english_catalogue(app):
        assert english_title != french_title, "an English catalogue exists but the page is still in French"
    follow(page, page.locator("footer a[href='/charte']"))
    expect_language(page, "en")  # kept on the next page
    go(page, "/annuaire/")
    expect_language(page, "en")

    follow(page, page.get_by_role("button", name="Français", exact=True))
    expect_language(page, "fr")
    assert page.url.endswith("/annuaire/")
    follow(page, page.locator("footer a[href='/accessibilite']"))
    expect_language(page, "fr")
    go(page, "/annonces/?kind=offer")
    expect(page.get_by_role("heading", level=1)).to_have_text(french_title)


def test_a_browser_in_english_still_gets_french_until_english_is_chosen(new_page):
    page = go(new_page(locale="en-GB"), "/")
    expect_language(page, "fr")
    follow(page, page.get_by_role("button", name="English", exact=True))
    expect_language(page, "en")


def test_member_language_is_kept_in_the_account(new_page):
    make_user("anglo@example.org", "Ann Glo")
    page = log_in(new_page(), "anglo@example.org")
    follow(page, page.get_by_role("button", name="English", exact=True))
    expect_language(page, "en")
    db.session.rollback()  # a new snapshot: read what the server committed
    assert db.session.scalar(sa.select(User.locale).where(User.email == "anglo@example.org")) == "en"

    # Another browser (a fresh session, in French): the account's choice applies once logged in.
    other = log_in(new_page(), "anglo@example.org")
    expect_language(other, "en")
    follow(other, other.get_by_role("button", name="Français", exact=True))
    expect_language(other, "fr")
