"""Exchange state the journeys start from: days to come in Paris, requests made through the real services."""
from datetime import date, datetime, time, timedelta, timezone

from market.exchanges import bookings
from market.exchanges.rules import PARIS
from market.extensions import db
from tests.factories import make_org, make_user

FRIDAY = 4


def today() -> date:
    return datetime.now(PARIS).date()


def next_weekday(weekday: int, at_least_days: int = 3) -> date:
    """The first such weekday (0 = Monday) at least `at_least_days` from today, Paris time."""
    day = today() + timedelta(days=at_least_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def utc_stamp(moment: datetime) -> str:
    """As an iCalendar DTSTART/DTEND value."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def theatre():
    """A third organisation of the network (user, organisation)."""
    actor = make_user("theatre@example.org", "Inès Théâtre")
    return actor, make_org(actor, name="Compagnie du Petit Théâtre")


def request_booking(app, user, organization, room, day: date, start_hour: int, end_hour: int, message=""):
    """A booking request as the room page would make it (its notifications included), committed."""
    with app.test_request_context():
        booking = bookings.request_booking(user, room, organization, paris(day, start_hour), paris(day, end_hour),
                                           attendees=20, message=message)
        db.session.commit()
        return booking.id
