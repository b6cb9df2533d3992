"""Eight volunteers sign up to a shift of three at the same moment: three places, five in line, never four.

On a file SQLite database and on PostgreSQL (tests/fixtures_race.py), one thread per volunteer;
a barrier lets every thread pass the events feature's own checks (already signed up, overlap)
before any of them takes a place: only market/places' conditional UPDATE and the CHECK
constraint on place_pools then decide. A thread told "too many requests at once" (SQLite's
single writer) tries again, as the person would.
"""
import threading

import pytest
import sqlalchemy as sa

from market.accounts.models import User
from market.events import queries, services
from market.events.models import Shift
from market.exchanges.base import ExchangeRefused
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus, PlaceHold, PlacePool
from tests.events.helpers import make_event
from tests.factories import make_org, make_user

pytestmark = pytest.mark.no_app_context

PEOPLE, PLACES = 8, 3


def _setup(app):
    with app.app_context(), app.test_request_context():
        organiser = make_user("club@example.org", "Odile Vélo")
        club = make_org(organiser, name="Vélo Club")
        event = make_event(organiser, club, shifts=[("buvette", 11, 15, PLACES)])
        users = [make_user(f"v{i}@example.org", f"Bénévole {i}", volunteer=True) for i in range(PEOPLE)]
        ids = [u.id for u in users], event.shifts[0].id
        db.session.remove()
        return ids


def test_simultaneous_sign_ups_never_exceed_the_places(race_app, monkeypatch):
    user_ids, shift_id = _setup(race_app)
    barrier = threading.Barrier(PEOPLE, timeout=30)
    first_time = threading.local()
    real_shifts_of = queries.shifts_of

    def checked_then_wait(*args, **kwargs):
        found = real_shifts_of(*args, **kwargs)
        if not getattr(first_time, "done", False):
            first_time.done = True
            barrier.wait()  # everyone has passed the overlap check
        return found
    monkeypatch.setattr(queries, "shifts_of", checked_then_wait)
    results, errors = {}, []

    def worker(user_id):
        try:
            with race_app.test_request_context():
                for _attempt in range(20):
                    try:
                        hold = services.sign_up(db.session.get(User, user_id), db.session.get(Shift, shift_id))
                        db.session.commit()
                        results[user_id] = hold.status
                        return
                    except ExchangeRefused:
                        db.session.rollback()  # "too many requests at once": try again
                    finally:
                        db.session.remove()
                results[user_id] = "gave up"
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(u,)) for u in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    statuses = sorted(results.values())
    assert statuses.count(HoldStatus.HELD) == PLACES and statuses.count(HoldStatus.WAITING) == PEOPLE - PLACES, results
    with race_app.app_context():
        shift = db.session.get(Shift, shift_id)
        assert db.session.get(PlacePool, shift.pool_id).taken == PLACES
        waiting = db.session.scalars(sa.select(PlaceHold).where(PlaceHold.status == HoldStatus.WAITING)).all()
        assert sorted(places.position(h) for h in waiting) == list(range(1, PEOPLE - PLACES + 1))
        db.session.remove()
