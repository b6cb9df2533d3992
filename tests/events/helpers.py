"""Builders of the events tests: an event with shifts, through the real services, at Paris times."""
from datetime import date, datetime, time, timedelta

from market.events import services
from market.events.rules import PARIS
from market.extensions import db
from tests.factories import VICHY


def in_days(days: int) -> date:
    return datetime.now(PARIS).date() + timedelta(days=days)


def make_event(admin, organization, title="Course cycliste des Côtes", commune=VICHY, shifts=None, days=10):
    """An event with shifts [(role, start hour, end hour, places)], all `days` from today, Paris time."""
    event = services.create_event(admin, organization, {"title": title, "description": "Une course de village.",
                                                        "place": "Place de la mairie", "commune_code": commune})
    for role, start, end, capacity in shifts or [("signaleur", 8, 12, 20), ("buvette", 11, 15, 6)]:
        services.add_shift(admin, event, in_days(days), time(start), time(end), role, capacity)
    db.session.commit()
    return event
