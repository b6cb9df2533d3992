"""Keyboard alone: a member requests a room's slot, every stop showing its focus, and the owner is told."""
import sqlalchemy as sa
from playwright.sync_api import expect

from market.exchanges.models import Booking
from market.extensions import db
from market.notifications.models import Notification
from tests.e2e.a11y import audit
from tests.e2e.data import seed_network
from tests.e2e.exchange_data import FRIDAY, next_weekday, paris
from tests.e2e.journeys import flash, go, log_in
from tests.e2e.keyboard import is_focused, tab_to, type_into


def type_date(page, selector, day):
    """Type a date into the focused date field, in the order of its segments: day first in a French
    Chromium, month first in the English one Debian's headless Chromium may run as (whatever the page's locale)."""
    page.keyboard.type("01022003")  # 1 February or 2 January: which order the field reads
    probe = page.eval_on_selector(selector, "i => i.value")
    assert probe in ("2003-02-01", "2003-01-02"), f"the date field read 01022003 as {probe!r}"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # back to the first segment
    assert is_focused(page, selector)
    page.keyboard.type(day.strftime("%d%m%Y" if probe == "2003-02-01" else "%m%d%Y"))


def test_the_booking_request_form_works_with_the_keyboard_alone(new_page):
    net = seed_network()
    room, friday = net.room, next_weekday(FRIDAY)
    page = log_in(new_page(), net.cinema_admin.email)
    go(page, f"/reservations/salle/{room.id}")

    keys = page.keyboard
    keys.press("Tab")
    assert is_focused(page, ".skip-link")
    keys.press("Enter")
    tab_to(page, "#organization")  # "Au nom de": the cinema, already chosen
    assert page.eval_on_selector("#organization", "s => s.selectedOptions[0].text") == net.cinema.name
    tab_to(page, "#day")
    type_date(page, "#day", friday)
    assert page.eval_on_selector("#day", "i => i.value") == friday.isoformat()
    # Hours typed as digits: 24-hour in a French Chromium; an English one reads 13 to 19 as p.m. too.
    tab_to(page, "#start")
    keys.type("1430")
    tab_to(page, "#end")
    keys.type("1730")
    assert page.eval_on_selector("#start", "i => i.value") == "14:30"
    assert page.eval_on_selector("#end", "i => i.value") == "17:30"
    type_into(page, "#attendees", "25")
    type_into(page, "#message", "Assemblée générale de l'association, avec un pot à la fin.")
    tab_to(page, "form.narrow button[type=submit]")  # "Envoyer la demande"
    expect(page.locator(":focus")).to_have_text("Envoyer la demande")
    with page.expect_navigation():
        keys.press("Enter")
    audit(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Réservation : {room.title}")
    expect(flash(page)).to_contain_text("Votre demande est envoyée")
    expect(page.locator(".page-header .lead")).to_contain_text("de 14:30 à 17:30")
    db.session.rollback()
    booking = db.session.scalar(sa.select(Booking))
    assert (booking.status, booking.attendees, booking.conversation.requester_org_id) == ("requested", 25, net.cinema.id)
    assert (booking.starts_at, booking.ends_at) == (paris(friday, 14, 30), paris(friday, 17, 30))
    told = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "booking_requested")).all()
    assert told == [net.league_admin.id]  # the room's organisation hears of it
