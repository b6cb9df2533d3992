"""A room offered with opening hours is booked by another member, accepted by its owner, shown in its .ics feed."""
import re

from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.exchange_data import FRIDAY, next_weekday, paris, request_booking, theatre, utc_stamp
from tests.e2e.journeys import flash, follow, go, log_in, send


def set_friday_hours(owner, room):
    go(owner, f"/reservations/salle/{room.id}")
    follow(owner, "Régler le calendrier (horaires, durées, fermetures)")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Calendrier de la salle")
    owner.get_by_label("Vendredi", exact=True).fill("14:00-22:00")
    owner.get_by_label("Dimanche", exact=True).fill("")
    send(owner, "Enregistrer")
    expect(flash(owner)).to_contain_text("Calendrier de la salle enregistré")
    hours = owner.get_by_role("region", name="Horaires d'ouverture")
    expect(hours).to_contain_text(re.compile(r"Vendredi\s*14:00 à 22:00"))
    expect(hours).to_contain_text(re.compile(r"Dimanche\s*Fermée"))


def ask_for_a_slot(member, room, friday):
    go(member, f"/annonces/{room.id}")
    follow(member, "Voir le calendrier et réserver")
    expect(member.get_by_role("heading", level=1)).to_have_text(f"Réserver : {room.title}")
    form = member.get_by_role("region", name="Demander un créneau")
    expect(form.get_by_label("Au nom de")).to_have_value(re.compile(r".+"))  # the cinema, chosen already
    form.get_by_label("Date (obligatoire)").fill(friday.isoformat())
    start = form.get_by_label("Heure de début (obligatoire)")
    start.fill("10:00")
    form.get_by_label("Heure de fin (obligatoire)").fill("12:00")
    form.get_by_label("Nombre de personnes attendues").fill("40")
    form.get_by_label("Message pour la structure").fill("Projection-débat <Les Glaneurs> & goûter.")
    send(member, "Envoyer la demande")

    # Refused: the room opens at 14:00 on Fridays; the message sits on the start time, and in the summary.
    reason = "la salle est ouverte de 14:00 à 22:00 seulement"
    expect(member.get_by_role("alert").filter(has_text="Le formulaire contient des erreurs")).to_contain_text(reason)
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(member.locator("#start-error")).to_contain_text(reason)
    expect(start).to_have_value("10:00")  # what the person typed is kept

    start.fill("18:00")
    member.get_by_label("Heure de fin (obligatoire)").fill("20:00")
    send(member, "Envoyer la demande")
    expect(member.get_by_role("heading", level=1)).to_have_text(f"Réservation : {room.title}")
    expect(flash(member)).to_contain_text("Votre demande est envoyée")
    lead = member.locator(".page-header .lead")
    expect(lead).to_contain_text("de 18:00 à 20:00")
    expect(lead).to_contain_text("Demandée")
    expect(member.get_by_text("Projection-débat <Les Glaneurs> & goûter.")).to_be_visible()


def test_a_member_books_a_room_its_owner_accepts_and_the_calendar_shows_it(new_page, app):
    net = seed_network()
    room = net.room
    friday = next_weekday(FRIDAY)
    actor, company = theatre()
    rival = request_booking(app, actor, company, room, friday, 19, 21)  # pending, overlaps the slot asked below

    owner = log_in(new_page(), net.league_admin.email)
    set_friday_hours(owner, room)

    member = log_in(new_page(), net.cinema_admin.email)
    ask_for_a_slot(member, room, friday)
    booking_url = member.url

    # The owner sees both requests and accepts the cinema's.
    go(owner, f"/reservations/salle/{room.id}")
    pending = owner.get_by_role("region", name="Gérer la salle")
    expect(pending.get_by_role("link", name=re.compile("Compagnie du Petit Théâtre"))).to_be_visible()
    follow(owner, pending.get_by_role("link", name=re.compile(re.escape(net.cinema.name))))
    expect(owner.get_by_text("Projection-débat <Les Glaneurs> & goûter.")).to_be_visible()
    send(owner, "Accepter la réservation")
    expect(flash(owner)).to_contain_text("Réservation acceptée")
    expect(owner.locator(".page-header .lead")).to_contain_text("Acceptée")

    # The overlapping request cannot be accepted any more, and the owner is told why.
    go(owner, f"/reservations/{rival}")
    send(owner, "Accepter la réservation")
    expect(flash(owner)).to_contain_text("Ce créneau n'est pas libre : la salle est déjà réservée le vendredi")
    expect(flash(owner)).to_contain_text("de 18:00 à 20:00")
    expect(owner.locator(".page-header .lead")).to_contain_text("Demandée")

    # The requester sees it accepted.
    go(member, booking_url)
    expect(member.locator(".page-header .lead")).to_contain_text("Acceptée")
    expect(member.get_by_role("button", name="Accepter la réservation")).to_have_count(0)
    go(member, "/echanges/")
    ongoing = member.get_by_role("region", name="En cours").get_by_role("listitem")
    expect(ongoing).to_have_count(1)
    expect(ongoing).to_contain_text(
        re.compile(rf"Réservation de salle – {re.escape(room.title)},\s+vendredi .* de 18:00 à 20:00"))
    expect(ongoing).to_contain_text("Acceptée")

    # The room's calendar: the accepted slot is listed, and the secret .ics address answers text/calendar.
    go(owner, f"/reservations/salle/{room.id}")
    busy = owner.get_by_role("region", name="Créneaux déjà réservés")
    expect(busy).to_contain_text("de 18:00 à 20:00")
    feed_url = owner.get_by_role("region", name="Gérer la salle").locator("code").inner_text()
    answer = owner.request.get(feed_url)
    assert answer.ok and answer.headers["content-type"].startswith("text/calendar"), answer.headers
    body = answer.text()
    assert body.count("BEGIN:VEVENT") == 1, body  # the pending rival is not in it
    assert f"DTSTART:{utc_stamp(paris(friday, 18))}" in body and f"DTEND:{utc_stamp(paris(friday, 20))}" in body
