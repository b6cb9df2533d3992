"""Unbounded work: a period typed by anyone is bounded by a constant before any day-by-day walk, and refused once."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from hypothesis import given, strategies as st

from market.exchanges import rules
from market.exchanges.models import Booking, Loan
from market.extensions import db
from tests.exchanges.conftest import make_room, make_sound_system, next_weekday
from tests.hardening.conftest import FEW, assert_one_message_per_field

DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@pytest.fixture
def walked(monkeypatch):
    """How many days the booking rules walked (the work a request costs)."""
    count = {"days": 0}
    original = rules._local_days

    def counting(start, end):
        for piece in original(start, end):
            count["days"] += 1
            yield piece
    monkeypatch.setattr(rules, "_local_days", counting)
    return count


def _booking(browser_, room, day, end_day, start="10:00", end="12:00"):
    return browser_.post(f"/reservations/salle/{room.id}", data={
        "organization": "", "day": day.isoformat(), "end_day": end_day.isoformat() if end_day else "",
        "start": start, "end": end, "attendees": "10", "message": "Assemblée générale"})


@FEW
@given(end_day=DAYS)
def test_a_booking_ending_any_day_costs_a_few_days_of_work_and_one_message(people, browser, walked, end_day):
    room = make_room(people["owner"], people["centre"])
    theatre = browser(people["actor"])
    walked["days"] = 0
    response = _booking(theatre, room, next_weekday(4), end_day)
    assert response.status_code in (200, 302)
    assert walked["days"] <= rules.MAX_BOOKING_DAYS + 1
    html = response.get_data(as_text=True)
    assert len(html) < 200_000
    if response.status_code == 200:
        errors = assert_one_message_per_field(html)
        assert sum(len(m) for m in errors.values()) <= 3, errors
        assert "Assemblée générale" in html  # what was typed comes back


def test_a_week_long_booking_gets_one_too_long_message(people, browser, walked):
    room = make_room(people["owner"], people["centre"])
    theatre = browser(people["actor"])
    day = next_weekday(0)
    html = _booking(theatre, room, day, day + timedelta(days=8)).get_data(as_text=True)
    assert "dure au plus 7 jours" in html
    assert html.count("field-error") == 1 and walked["days"] == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Booking)) == 0


def test_a_booking_in_the_year_9999_is_refused_without_a_walk(people, browser, walked):
    room = make_room(people["owner"], people["centre"])
    theatre = browser(people["actor"])
    html = _booking(theatre, room, date(9999, 12, 30), date(9999, 12, 31)).get_data(as_text=True)
    assert "Choisissez une date entre aujourd'hui et le" in html and walked["days"] == 0


def test_period_rules_stop_before_walking_a_long_span(walked):
    """The rule itself (used by the services and the API too) refuses a long span before walking it."""
    from datetime import datetime, timezone
    room = rules.RoomRules(max_minutes=100 * 24 * 60)  # even a room that says "as long as you like"
    start = datetime(2030, 1, 1, 9, tzinfo=timezone.utc)
    found = rules.check_booking(room, start, datetime(9999, 12, 31, tzinfo=timezone.utc), start - timedelta(days=30))
    assert [code for code, _ in found] == ["too_long"] and walked["days"] == 0
    assert rules.held_window(start, datetime(9999, 12, 31, tzinfo=timezone.utc), 30)[0] == start


@FEW
@given(due=DAYS)
def test_a_loan_due_any_day_is_one_message_at_most(people, browser, due):
    item = make_sound_system(people["owner"], people["centre"])
    theatre = browser(people["actor"])
    start = next_weekday(2)
    response = theatre.post(f"/prets/materiel/{item.id}", data={
        "organization": "", "quantity": "1", "starts_on": start.isoformat(), "due_on": due.isoformat(),
        "message": "Pour la fête du quartier"})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        html = response.get_data(as_text=True)
        assert_one_message_per_field(html)
        assert "Pour la fête du quartier" in html and len(html) < 200_000
    else:
        assert (due - start).days < rules.MAX_LOAN_DAYS


@pytest.mark.parametrize("quantity", ["100000000000000000000", "-1", "0", "1e9", "NaN"])
def test_an_absurd_loan_quantity_is_one_message(people, browser, quantity):
    item = make_sound_system(people["owner"], people["centre"])
    theatre = browser(people["actor"])
    start = next_weekday(2)
    response = theatre.post(f"/prets/materiel/{item.id}", data={
        "organization": "", "quantity": quantity, "starts_on": start.isoformat(),
        "due_on": (start + timedelta(days=2)).isoformat()})
    assert response.status_code == 200
    errors = assert_one_message_per_field(response.get_data(as_text=True))
    assert list(errors) == ["quantity"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Loan)) == 0


def test_evening_hours_written_backwards_are_explained(people, browser):
    room = make_room(people["owner"], people["centre"])
    owner = browser(people["owner"])
    form = {f"day{i}": "09:00-18:00" for i in range(7)}
    form.update(min_minutes="60", max_minutes="480", buffer_minutes="0", notice_hours="24", closed_dates="",
                day4="22:00-08:00")
    html = owner.post(f"/reservations/salle/{room.id}/reglages", data=form).get_data(as_text=True)
    assert "l'heure de fin doit suivre l'heure de début" in html and "illisibles" not in html
    assert "22:00-08:00" in html  # kept as typed
