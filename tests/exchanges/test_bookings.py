"""Booking a room as people do: request, accept, overlap refused, decline, cancel, notice, calendar feed."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.exchanges import bookings
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.models import Booking, BookingSlot
from market.extensions import db
from market.notifications.models import Notification
from tests.exchanges.conftest import make_room, next_weekday, paris

FRIDAY = 4


def _request(browser_, room, day, start, end, **extra):
    data = {"organization": extra.pop("organization", ""), "day": day.isoformat(), "start": start, "end": end,
            "attendees": "40", "message": "Répétition générale de notre spectacle.", **extra}
    return browser_.post(f"/reservations/salle/{room.id}", data=data)


def test_theatre_company_books_a_friday_evening_and_a_second_request_is_refused(people, browser):
    """The "done means" journey: find a room, request Friday 18:00-20:00, owner accepts,
    19:00-21:00 refused with a clear reason, the booking is in the .ics feed."""
    p = people
    room = make_room(p["owner"], p["centre"])
    friday = next_weekday(FRIDAY)
    theatre = browser(p["actor"])
    listing_page = theatre.text(f"/annonces/{room.id}")
    assert "Contacter" in listing_page and f"/reservations/salle/{room.id}" in listing_page

    response = _request(theatre, room, friday, "18:00", "20:00", organization=p["theatre"].slug)
    assert response.status_code == 302
    booking = db.session.scalar(sa.select(Booking))
    assert booking.status == "requested" and booking.conversation.requester_org == p["theatre"]
    assert booking.starts_at == paris(friday, 18) and booking.ends_at == paris(friday, 20)
    # both members of the centre are told, in-app
    told = db.session.scalars(sa.select(Notification).where(Notification.kind == "booking_requested")).all()
    assert {n.user_id for n in told} == {p["owner"].id, p["colleague"].id}

    owner = browser(p["owner"])
    page = owner.text(f"/reservations/{booking.id}")
    assert "Compagnie du Petit Théâtre" in page and "Accepter la réservation" in page
    response = owner.post(f"/reservations/{booking.id}/accepter")
    assert response.status_code == 302
    db.session.expire_all()
    assert booking.status == "accepted" and booking.decided_by_id == p["owner"].id
    assert "Réservation acceptée" in owner.text(response.headers["Location"])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingSlot)) == 8  # 2 h of quarter-hours
    assert db.session.scalar(sa.select(Notification.title).where(
        Notification.kind == "booking_accepted", Notification.user_id == p["actor"].id)).startswith("Réservation acceptée")

    # another company asks for 19:00-21:00 the same evening
    other = browser(p["outsider"])
    html = _request(other, room, friday, "19:00", "21:00").get_data(as_text=True)
    assert "Ce créneau n&#39;est pas libre : la salle est déjà réservée le vendredi" in html
    assert "de 18:00 à 20:00" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Booking)) == 1

    # the accepted booking is in the room's calendar feed and in both organisations' feeds
    room_page = owner.text(f"/reservations/salle/{room.id}")
    feed_url = re.search(r"<code>(http[^<]+\.ics)</code>", room_page).group(1)
    ics = browser().get(feed_url.replace("http://localhost", ""))
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    body = ics.get_data(as_text=True)
    start_utc = booking.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start_utc}" in body and f"UID:booking-{booking.id}@" in body
    assert "réservée par Compagnie du Petit Théâtre" in body.replace("\r\n ", "")
    for slug, who in ((p["theatre"].slug, theatre), (p["centre"].slug, owner)):
        page = who.text(f"/echanges/structure/{slug}/calendrier")
        url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
        assert f"DTSTART:{start_utc}" in browser().get(url.replace("http://localhost", "")).get_data(as_text=True)


def test_request_outside_opening_hours_or_too_short_is_refused_with_reasons(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    bookings.save_settings(p["owner"], room, {"opening_hours": {"4": [[14 * 60, 22 * 60]]}, "min_minutes": 120,
                                              "buffer_minutes": 30, "closed_dates": ""})
    db.session.commit()
    friday = next_weekday(FRIDAY)
    html = _request(browser(p["actor"]), room, friday, "11:00", "12:00").get_data(as_text=True)
    assert "la salle est ouverte de 14:00 à 22:00 seulement" in html
    assert "La durée minimale d&#39;une réservation de cette salle est de 2 heures." in html
    html = _request(browser(p["actor"]), room, next_weekday(0), "18:00", "20:00").get_data(as_text=True)
    assert "La salle est fermée le lundi" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Booking)) == 0


def _accepted(p, room, day, start, end, organization=None):
    booking = bookings.request_booking(p["actor"], room, organization, paris(day, *start), paris(day, *end))
    bookings.accept_booking(p["owner"], booking)
    db.session.commit()
    return booking


def test_buffer_between_bookings_is_kept(people):
    p = people
    room = make_room(p["owner"], p["centre"])
    bookings.save_settings(p["owner"], room, {"buffer_minutes": 30})
    db.session.commit()
    friday = next_weekday(FRIDAY)
    _accepted(p, room, friday, (14, 0), (16, 0))
    with pytest.raises(ExchangeRefused) as refused:
        bookings.request_booking(p["actor"], room, None, paris(friday, 16, 15), paris(friday, 18))
    assert "Il faut laisser 30 minutes entre deux réservations" in refused.value.reasons[0]
    with pytest.raises(ExchangeRefused):  # before: its buffer would run into the 14:00 booking
        bookings.request_booking(p["actor"], room, None, paris(friday, 12), paris(friday, 13, 45))
    assert bookings.request_booking(p["actor"], room, None, paris(friday, 16, 30), paris(friday, 18)).status == "requested"
    assert bookings.request_booking(p["actor"], room, None, paris(friday, 12), paris(friday, 13, 30)).status == "requested"


def test_accepting_a_request_that_now_overlaps_is_refused(people):
    p = people
    room = make_room(p["owner"], p["centre"])
    friday = next_weekday(FRIDAY)
    first = bookings.request_booking(p["actor"], room, None, paris(friday, 18), paris(friday, 20))
    second = bookings.request_booking(p["outsider"], room, None, paris(friday, 19), paris(friday, 21))
    db.session.commit()
    bookings.accept_booking(p["owner"], first)
    db.session.commit()
    with pytest.raises(ExchangeRefused) as refused:
        bookings.accept_booking(p["colleague"], second)
    assert "la salle est déjà réservée" in refused.value.reasons[0]
    db.session.rollback()
    assert second.status == "requested"


def test_decline_needs_a_reason_which_the_requester_reads(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    booking = bookings.request_booking(p["actor"], room, p["theatre"], paris(next_weekday(FRIDAY), 18), paris(next_weekday(FRIDAY), 20))
    db.session.commit()
    owner = browser(p["owner"])
    owner.post(f"/reservations/{booking.id}/refuser", data={"decline-reason": ""})
    db.session.expire_all()
    assert booking.status == "requested"
    owner.post(f"/reservations/{booking.id}/refuser", data={"decline-reason": "La salle est en travaux ce mois-ci."})
    db.session.expire_all()
    assert booking.status == "declined"
    page = browser(p["actor"]).text(f"/reservations/{booking.id}")
    assert "La salle est en travaux ce mois-ci." in page and "Refusée" in page
    assert db.session.scalar(sa.select(Notification.body).where(Notification.kind == "booking_declined")) == \
        "La salle est en travaux ce mois-ci."


def test_cancel_by_either_side_up_to_the_notice_period(people, browser, monkeypatch):
    p = people
    room = make_room(p["owner"], p["centre"])
    bookings.save_settings(p["owner"], room, {"notice_hours": 48})
    db.session.commit()
    friday = next_weekday(FRIDAY)
    booking = _accepted(p, room, friday, (18, 0), (20, 0), p["theatre"])
    theatre = browser(p["actor"])
    theatre.post(f"/reservations/{booking.id}/annuler", data={"cancel-reason": "Spectacle reporté."})
    db.session.expire_all()
    assert booking.status == "cancelled" and booking.cancelled_by_side == "requester"
    assert booking.cancel_reason == "Spectacle reporté."
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BookingSlot)) == 0  # the slot is free again
    told = db.session.scalars(sa.select(Notification).where(Notification.kind == "booking_cancelled"))
    assert {n.user_id for n in told} == {p["owner"].id, p["colleague"].id}
    # the owner side may cancel too, but not within the notice period
    again = _accepted(p, room, friday, (18, 0), (20, 0), p["theatre"])
    monkeypatch.setattr(bookings, "utcnow", lambda: again.starts_at - timedelta(hours=47))
    with pytest.raises(ExchangeRefused) as refused:
        bookings.cancel_booking(p["owner"], again, "Imprévu")
    assert "délai de prévenance de cette salle est de 2 jours" in refused.value.reasons[0]
    monkeypatch.setattr(bookings, "utcnow", lambda: again.starts_at - timedelta(hours=49))
    bookings.cancel_booking(p["owner"], again, "Imprévu : dégât des eaux.")
    assert again.status == "cancelled" and again.cancelled_by_side == "owner"


def test_only_the_owner_side_decides_and_outsiders_see_nothing(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    booking = bookings.request_booking(p["actor"], room, None, paris(next_weekday(FRIDAY), 18), paris(next_weekday(FRIDAY), 20))
    db.session.commit()
    with pytest.raises(NotAllowed):
        bookings.accept_booking(p["actor"], booking)
    assert browser(p["actor"]).post(f"/reservations/{booking.id}/accepter").status_code == 403
    for user in (p["outsider"], p["coordinator"]):
        who = browser(user)
        assert who.get(f"/reservations/{booking.id}").status_code == 404
        assert who.post(f"/reservations/{booking.id}/accepter").status_code == 404
    db.session.expire_all()
    assert booking.status == "requested"


def test_room_settings_form(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    owner = browser(p["owner"])
    form = {f"day{i}": "" for i in range(7)}
    form.update(day4="9h-12h, 14:00-23:00", day5="10:00-24:00", min_minutes="120", max_minutes="480",
                buffer_minutes="30", notice_hours="72", closed_dates="25/12/2030, 2031-01-01")
    html = owner.post(f"/reservations/salle/{room.id}/reglages", data={**form, "day1": "dix heures"}).get_data(as_text=True)
    assert "Horaires illisibles" in html
    assert owner.post(f"/reservations/salle/{room.id}/reglages", data=form).status_code == 302
    settings = bookings.settings_of(room)
    assert settings.opening_hours == {"0": [], "1": [], "2": [], "3": [], "4": [[540, 720], [840, 1380]],
                                      "5": [[600, 1440]], "6": []}
    assert settings.closed_dates == "2030-12-25; 2031-01-01" and settings.notice_hours == 72
    page = owner.text(f"/reservations/salle/{room.id}")
    assert "09:00 à 12:00, 14:00 à 23:00" in page and "30 minutes de battement" in page
    assert browser(p["actor"]).get(f"/reservations/salle/{room.id}/reglages").status_code == 403
