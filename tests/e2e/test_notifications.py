"""In-app notifications raised by booking requests: counted in the header, opened, marked read; preferences saved."""
import re

import sqlalchemy as sa
from playwright.sync_api import expect

from market.extensions import db
from market.notifications.models import NotificationPreference
from tests.e2e.data import seed_network
from tests.e2e.exchange_data import FRIDAY, next_weekday, request_booking, theatre
from tests.e2e.journeys import flash, follow, go, log_in, send

HEADER = re.compile(r"^Notifications")


def header_count(page):
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=HEADER)


def notice(page, text):
    return page.locator(".notification-list > li").filter(has_text=text)


def test_notifications_are_counted_opened_marked_read_and_preferences_saved(new_page, app):
    net = seed_network()
    room, friday = net.room, next_weekday(FRIDAY)
    actor, company = theatre()
    request_booking(app, net.cinema_admin, net.cinema, room, friday, 18, 20, message="Pour notre ciné-débat.")
    request_booking(app, actor, company, room, friday, 10, 12, message="Une répétition au calme.")

    owner = log_in(new_page(), net.league_admin.email)
    expect(header_count(owner)).to_have_text(re.compile(r"Notifications\s*2\s*non lues"))
    follow(owner, header_count(owner))
    expect(owner.get_by_role("heading", level=1)).to_have_text("Notifications")
    evening = notice(owner, "de 18:00 à 20:00")
    expect(evening.get_by_role("link")).to_have_text(re.compile(
        rf"^Demande de réservation : {re.escape(room.title)}, vendredi .* de 18:00 à 20:00$"))
    expect(evening).to_contain_text("Pour notre ciné-débat.")
    expect(evening.get_by_text("Non lue", exact=True)).to_be_visible()
    expect(owner.get_by_text("Non lue", exact=True)).to_have_count(2)

    # Open one: it leads to the request, and counts no more.
    follow(owner, evening.get_by_role("button", name="Ouvrir et marquer comme lue"))
    expect(owner.get_by_role("heading", level=1)).to_have_text(f"Réservation : {room.title}")
    expect(owner.get_by_role("button", name="Accepter la réservation")).to_be_visible()
    expect(header_count(owner)).to_have_text(re.compile(r"Notifications\s*1\s*non lue$"))
    go(owner, "/notifications")
    expect(notice(owner, "de 18:00 à 20:00").get_by_text("Non lue", exact=True)).to_have_count(0)
    expect(notice(owner, "de 10:00 à 12:00").get_by_text("Non lue", exact=True)).to_be_visible()

    send(owner, "Tout marquer comme lu")
    expect(flash(owner)).to_contain_text("Toutes les notifications sont marquées comme lues.")
    expect(owner.get_by_text("Non lue", exact=True)).to_have_count(0)
    expect(owner.get_by_role("button", name="Ouvrir et marquer comme lue")).to_have_count(0)
    expect(header_count(owner)).to_have_text("Notifications")

    # Preferences: weekly e-mails, and nothing shown on the site any more.
    follow(owner, "Choisir ce que je reçois et comment")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Mes préférences de notification")
    on_site = owner.get_by_label("Afficher les notifications sur le site")
    expect(on_site).to_be_checked()
    on_site.uncheck()
    owner.get_by_label("Une fois par semaine (le lundi)").check()
    send(owner, "Enregistrer")
    expect(flash(owner)).to_contain_text("Vos préférences sont enregistrées.")
    expect(owner.get_by_label("Afficher les notifications sur le site")).not_to_be_checked()
    expect(owner.get_by_label("Une fois par semaine (le lundi)")).to_be_checked()
    expect(owner.get_by_label("Recevoir la lettre du réseau")).to_be_checked()  # untouched
    db.session.rollback()
    prefs = db.session.scalar(sa.select(NotificationPreference).where(
        NotificationPreference.user_id == net.league_admin.id))
    assert (prefs.in_app, prefs.email_frequency, prefs.email) == (False, "weekly", True)

    # A new request now: no count in the header, nothing new in the list.
    request_booking(app, net.cinema_admin, net.cinema, room, next_weekday(FRIDAY, 10), 18, 20)
    go(owner, "/notifications")
    expect(header_count(owner)).to_have_text("Notifications")
    expect(owner.locator(".notification-list > li")).to_have_count(2)
