""""Mon espace" tells a room owner and a lender what waits for their answer, with links to decide."""
from datetime import timedelta

import sqlalchemy as sa

from market.exchanges import loans
from market.exchanges.models import Booking, Loan
from market.extensions import db
from tests.exchanges.conftest import make_room, make_sound_system, next_weekday


def _ask_room(theatre, room, day, start="18:00", end="20:00"):
    return theatre.post(f"/reservations/salle/{room.id}", data={
        "organization": "", "day": day.isoformat(), "start": start, "end": end, "attendees": "30",
        "message": "Répétition de notre spectacle."})


def _ask_loan(theatre, item, in_days=5):
    start = loans.today() + timedelta(days=in_days)
    return theatre.post(f"/prets/materiel/{item.id}", data={
        "organization": "", "quantity": "1", "starts_on": start.isoformat(),
        "due_on": (start + timedelta(days=2)).isoformat(), "message": "Pour la fête du quartier."})


def test_owner_and_colleague_see_requests_to_accept_with_links_and_the_requester_does_not(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    sono = make_sound_system(p["owner"], p["centre"], quantity=3)
    theatre = browser(p["actor"])
    assert _ask_room(theatre, room, next_weekday(4)).status_code == 302
    assert _ask_room(theatre, room, next_weekday(2)).status_code == 302
    assert _ask_loan(theatre, sono).status_code == 302
    booking_ids = db.session.scalars(sa.select(Booking.id)).all()
    loan_id = db.session.scalar(sa.select(Loan.id))

    for who in (p["owner"], p["colleague"]):   # both members of the centre answer for it
        page = browser(who).text("/mon-espace")
        assert "2 réservations à accepter" in page and "1 prêt à accepter" in page
        for booking_id in booking_ids:
            assert f'href="/reservations/{booking_id}"' in page
        assert f'href="/prets/{loan_id}"' in page
        assert "demandée par Inès Théâtre" in page

    assert "à accepter" not in theatre.text("/mon-espace")
    assert "à accepter" not in browser(p["outsider"]).text("/mon-espace")


def test_the_count_goes_down_once_a_request_is_answered(people, browser):
    p = people
    room = make_room(p["owner"], p["centre"])
    theatre = browser(p["actor"])
    _ask_room(theatre, room, next_weekday(4))
    _ask_room(theatre, room, next_weekday(1))
    first, second = db.session.scalars(sa.select(Booking).order_by(Booking.id)).all()
    owner = browser(p["owner"])
    assert "2 réservations à accepter" in owner.text("/mon-espace")

    assert owner.post(f"/reservations/{first.id}/accepter").status_code == 302
    page = owner.text("/mon-espace")
    assert "1 réservation à accepter" in page and f'href="/reservations/{first.id}"' not in page

    owner.post(f"/reservations/{second.id}/refuser", data={"decline-reason": "La salle est prise."})
    assert "à accepter" not in owner.text("/mon-espace")


def test_a_request_whose_time_has_passed_is_no_longer_to_accept(people, browser):
    p = people
    sono = make_sound_system(p["owner"], p["centre"])
    _ask_loan(browser(p["actor"]), sono)
    loan = db.session.scalar(sa.select(Loan))
    loan.starts_on, loan.due_on = loans.today() - timedelta(days=5), loans.today() - timedelta(days=3)
    db.session.commit()
    assert "à accepter" not in browser(p["owner"]).text("/mon-espace")
