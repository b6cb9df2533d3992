"""Two reminder runs at the same moment (two cron hosts, or the button and the cron): one reminder, on SQLite and
PostgreSQL. Both have found the structure due before either writes; the database lets one claim it."""
import threading
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.membership import notices, services
from market.notifications.models import Notification
from tests.fixtures_race import run_threads

pytestmark = pytest.mark.no_app_context
DECEMBER = date(2026, 12, 5)


def _setup(app):
    from tests.factories import make_coordinator, make_org, make_user
    from tests.membership.conftest import FEES
    with app.test_request_context():
        alice = make_user("alice@example.org", "Alice Cinéma")
        cinema = make_org(alice, name="Ciné-Grillon")
        coordinator = make_coordinator()
        services.set_fees(coordinator, 2026, FEES)
        services.set_fees(coordinator, 2027, FEES)
        services.record_payment(coordinator, cinema, 2026, 3000, "cheque", date(2026, 3, 1), "", size="none")
        db.session.commit()
        db.session.remove()


def test_two_runs_at_once_send_one_reminder(race_app, monkeypatch):
    _setup(race_app)
    barrier = threading.Barrier(2, timeout=20)
    real_open_year = services.open_year

    def open_after_both_found_it(*args, **kwargs):
        barrier.wait()  # both runs have listed the structure as due
        return real_open_year(*args, **kwargs)
    monkeypatch.setattr(services, "open_year", open_after_both_found_it)
    sent = []

    def run():
        with race_app.test_request_context():
            try:
                sent.append(notices.send_reminders(DECEMBER, datetime(2026, 12, 5, 7, tzinfo=timezone.utc)))
                db.session.commit()
            finally:
                db.session.remove()

    errors = run_threads(run, [(), ()])
    assert not errors, errors
    assert sorted(sent) == [0, 1]
    with race_app.test_request_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 1
        db.session.remove()
