"""Twenty members register at the same moment for a meeting of twelve places: twelve get one,
eight wait; the database (the shared places mechanism) refuses the thirteenth place. SQLite and PostgreSQL."""
import threading

import pytest

from market.accounts.models import User
from market.extensions import db
from market.network import services
from market.network.models import Meeting
from market.places.models import HoldStatus
from tests.factories import make_coordinator, make_user
from tests.network.helpers import make_meeting

pytestmark = pytest.mark.no_app_context


def test_twenty_members_register_at_once_for_twelve_places(race_app):
    with race_app.app_context():
        meeting_id = make_meeting(make_coordinator(), capacity=12).id
        user_ids = [make_user(f"r{i}@example.org", f"Membre {i}").id for i in range(20)]
        db.session.remove()
    barrier = threading.Barrier(len(user_ids), timeout=30)
    results, errors = [], []

    def run(user_id):
        try:
            with race_app.app_context():
                barrier.wait()
                try:
                    hold = services.register(db.session.get(User, user_id), db.session.get(Meeting, meeting_id))
                    db.session.commit()
                    results.append(hold.status)
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(u,)) for u in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert results.count(HoldStatus.HELD) == 12 and results.count(HoldStatus.WAITING) == 8, results
    with race_app.app_context():
        assert db.session.get(Meeting, meeting_id).pool.taken == 12
        db.session.remove()
