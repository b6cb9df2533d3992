"""Twenty members take the last five places at the same moment: five get one, the database refuses the rest.

On a file SQLite database and on PostgreSQL (tests/fixtures_race.py), one thread per member,
released together by a barrier. There is no check in Python before the write: the conditional
UPDATE and the CHECK constraint on place_pools are what refuse the sixth place.
"""
import threading

import pytest
import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus, PlaceHold, PlacePool
from tests.factories import make_user

pytestmark = pytest.mark.no_app_context


def _together(app, jobs):
    """Run each job(session-bound) in its own thread and app context, all released at once."""
    barrier = threading.Barrier(len(jobs), timeout=30)
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            with app.app_context():
                barrier.wait()
                try:
                    results[index] = job()
                    db.session.commit()
                except (places.NoPlacesLeft, places.HoldNotActive) as exc:
                    db.session.rollback()
                    results[index] = type(exc).__name__
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def _members(app, count, capacity):
    with app.app_context():
        users = [make_user(f"m{i}@example.org", f"Membre {i}") for i in range(count)]
        pool = places.open_pool("test.race", capacity)
        db.session.commit()
        ids = [u.id for u in users], pool.id
        db.session.remove()
        return ids


def test_twenty_members_take_the_last_five_places(race_app):
    user_ids, pool_id = _members(race_app, 20, 5)

    def taker(user_id):
        def job():
            hold = places.take(db.session.get(User, user_id), db.session.get(PlacePool, pool_id), waitlist=False)
            return hold.status
        return job

    results = _together(race_app, [taker(u) for u in user_ids])
    assert results.count(HoldStatus.HELD) == 5 and results.count("NoPlacesLeft") == 15, results
    with race_app.app_context():
        assert db.session.get(PlacePool, pool_id).taken == 5
        held = db.session.scalar(sa.select(sa.func.count()).select_from(PlaceHold).where(
            PlaceHold.status == HoldStatus.HELD))
        assert held == 5
        db.session.remove()


def test_the_same_hold_released_twice_at_once_frees_its_places_once(race_app):
    user_ids, pool_id = _members(race_app, 2, 2)
    with race_app.app_context():
        pool = db.session.get(PlacePool, pool_id)
        mine = places.take(db.session.get(User, user_ids[0]), pool, 1)
        places.take(db.session.get(User, user_ids[1]), pool, 1)
        db.session.commit()
        hold_id = mine.id
        db.session.remove()

    def releaser():
        hold = db.session.get(PlaceHold, hold_id)
        places.release(hold.user, hold)
        return hold.status

    results = _together(race_app, [releaser, releaser])
    assert sorted(results) == ["HoldNotActive", HoldStatus.RELEASED], results
    with race_app.app_context():
        assert db.session.get(PlacePool, pool_id).taken == 1
        db.session.remove()


def test_the_database_refuses_a_place_beyond_the_capacity_whoever_writes_it(race_app):
    """The control: even a write that skips the service's condition is refused by the CHECK."""
    _user_ids, pool_id = _members(race_app, 1, 2)
    with race_app.app_context():
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.update(PlacePool).where(PlacePool.id == pool_id).values(taken=3))
            db.session.flush()
        db.session.rollback()
        assert db.session.get(PlacePool, pool_id).taken == 0
        db.session.remove()


def test_grants_at_the_same_moment_never_give_more_than_the_pool_has(race_app):
    """Twelve places, six requests of four granted at once (two coordinators clicking): three get them."""
    user_ids, _pool_id = _members(race_app, 6, 0)
    with race_app.app_context():
        pool = places.open_pool("test.choice", 12, allocation="owner")
        hold_ids = [places.take(db.session.get(User, u), pool, 4).id for u in user_ids]
        db.session.commit()
        pool_id = pool.id
        db.session.remove()

    def granter(hold_id):
        def job():
            hold = db.session.get(PlaceHold, hold_id)
            places.grant(None, hold)
            return hold.status
        return job

    results = _together(race_app, [granter(h) for h in hold_ids])
    assert results.count(HoldStatus.HELD) == 3 and results.count("NoPlacesLeft") == 3, results
    with race_app.app_context():
        assert db.session.get(PlacePool, pool_id).taken == 12
        db.session.remove()
