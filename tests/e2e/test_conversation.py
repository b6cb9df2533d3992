"""A message between two organisations: shown as typed (escaped), counted unread for its recipient, then read."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, follow, go, log_in, open_menu_if_closed, send

MESSAGE = 'Bonjour <b>Claire</b>, notre chauffeur <script>alert("x")</script> passe demain : https://example.org/plan'


def header_notifications(page):
    open_menu_if_closed(page)
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=re.compile(r"^Notifications"))


def refuse_dialogs(page, seen):
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_a_message_is_shown_escaped_counted_unread_then_read(new_page, screen):
    net = seed_network()
    dialogs = []
    sender = log_in(new_page(), net.league_admin.email)
    go(sender, f"/conversations/nouvelle/{net.driver.id}")
    sender.get_by_role("main").get_by_label("Votre message").fill(MESSAGE)
    send(sender, "Envoyer le message")
    expect(flash(sender)).to_contain_text(f"Message envoyé à {net.cinema.name}")

    recipient = log_in(new_page(screen), net.cinema_admin.email)
    refuse_dialogs(recipient, dialogs)
    expect(header_notifications(recipient)).to_have_text(re.compile(r"Notifications\s*1\s*non lue"))
    follow(recipient, recipient.get_by_role("main").get_by_role("link", name=re.compile(r"^Conversations")))
    expect(recipient.get_by_role("heading", level=1)).to_have_text("Conversations")
    card = recipient.get_by_role("listitem").filter(has_text=net.driver.title)
    expect(card).to_contain_text(f"Avec {net.league.name}")
    expect(card).to_contain_text("1 message non lu")

    follow(recipient, card.get_by_role("link", name=net.driver.title))
    expect(recipient.get_by_role("heading", level=1)).to_have_text(f"Conversation avec {net.league.name}")
    expect(recipient.get_by_role("status").filter(has_text="nouveau message")).to_have_text("1 nouveau message")
    shown = recipient.locator("li[id^=message-]").last
    expect(shown).to_contain_text(MESSAGE)  # the tags as text, nothing run or made bold
    expect(shown.locator("b, script")).to_have_count(0)
    expect(shown.get_by_role("link", name="https://example.org/plan")).to_have_attribute("href", "https://example.org/plan")
    assert dialogs == []

    # Read: the inbox and the header no longer count it.
    follow(recipient, "Toutes mes conversations")
    card = recipient.get_by_role("listitem").filter(has_text=net.driver.title)
    expect(card).not_to_contain_text("non lu")
    expect(header_notifications(recipient)).to_have_text("Notifications")

    # The answer goes the other way.
    follow(recipient, card.get_by_role("link", name=net.driver.title))
    recipient.get_by_label("Votre message").fill("Merci, c'est noté : départ à 14 h.")
    send(recipient, "Envoyer")
    expect(recipient.locator("li[id^=message-]").last).to_contain_text("Merci, c'est noté : départ à 14 h.")
    go(sender, "/mon-espace")
    expect(header_notifications(sender)).to_have_text(re.compile(r"Notifications\s*1\s*non lue"))
    expect(sender.get_by_role("main").get_by_role("link", name=re.compile(r"^Conversations"))).to_contain_text("1 non lu")
