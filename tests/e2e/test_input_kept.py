"""Nothing typed lost: a message typed when the session expired comes back after logging in again; a sale at an
"Infinity" price and a week-long booking each get one clear message, on a phone and a desktop."""
import os
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.exchange_data import next_weekday
from tests.e2e.journeys import follow, go, log_in, send

SHOTS = "/tmp/shots/input"
DRAFT = "Bonjour, notre chauffeur peut passer jeudi à 14 h avec la remorque."


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_message_typed_when_the_session_expired_comes_back_after_login(new_page, screen):
    net = seed_network()
    page = log_in(new_page(screen), net.league_admin.email)
    go(page, f"/conversations/nouvelle/{net.driver.id}")
    page.get_by_role("main").get_by_label("Votre message").fill("Bonjour")
    send(page, "Envoyer le message")
    box = page.get_by_label("Votre message")
    box.fill(DRAFT)
    conversation = page.url.split("#")[0]
    page.context.clear_cookies()  # the session expired while typing
    send(page, "Envoyer")
    log_in(page, net.league_admin.email)
    go(page, conversation)
    expect(page.get_by_label("Votre message")).to_have_value(DRAFT)
    expect(page.get_by_role("status").filter(has_text="brouillon")).to_be_visible()
    shot(page, f"draft-restored-{screen}")
    send(page, "Envoyer")
    expect(page.locator("li[id^=message-]").last).to_contain_text(DRAFT)
    go(page, conversation)
    expect(page.get_by_label("Votre message")).to_have_value("")  # sent: the draft is forgotten


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_one_clear_message_for_an_infinite_price_and_a_week_long_booking(new_page, screen):
    net = seed_network()
    page = log_in(new_page(screen), net.cinema_admin.email)
    go(page, "/annonces/nouvelle")
    page.locator("#title").fill("Vélo cargo")
    page.locator("#description").fill("À vendre, bon état.")
    page.locator("#category").select_option("equipment")
    page.locator("#terms").select_option("sale")
    page.locator("#commune").fill("Vichy")
    page.locator("#price").fill("Infinity")
    follow(page, page.locator("main form button[type=submit]").last)
    expect(page.locator("#price-error")).to_have_text("Erreur : Montant invalide : écrivez par exemple 12,50.")
    expect(page.locator("#title")).to_have_value("Vélo cargo")
    shot(page, f"price-infinity-{screen}")

    day = next_weekday(0)
    go(page, f"/reservations/salle/{net.room.id}")
    page.locator("#day").fill(day.isoformat())
    page.locator("#end_day").fill((day + timedelta(days=8)).isoformat())
    page.locator("#start").fill("10:00")
    page.locator("#end").fill("12:00")
    page.locator("#message").fill("Stage de théâtre d'une semaine")
    follow(page, page.locator("main form button[type=submit]").last)
    expect(page.locator(".field-error")).to_have_count(1)
    expect(page.locator(".field-error")).to_contain_text("dure au plus 7 jours")
    expect(page.locator("#message")).to_have_value("Stage de théâtre d'une semaine")
    shot(page, f"booking-too-long-{screen}")
