"""Twenty members reserve the last five laptops at the same moment: five hold one, fifteen wait in line.

SQLite file and PostgreSQL (tests/fixtures_race.py); the refusal of the extra items is market.places'
conditional UPDATE and CHECK, reached here through the ressourcerie's own service.
"""
import threading

import pytest
import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from market.places.models import PlacePool
from market.ressourcerie import services
from market.ressourcerie.models import Batch, Reservation
from tests.factories import make_batch, make_org, make_user

pytestmark = pytest.mark.no_app_context


def test_twenty_simultaneous_reservations_of_the_last_five_items(race_app):
    with race_app.test_request_context():
        giver = make_user("mutuelle@example.org", "Mathilde Mutuelle")
        batch = make_batch(giver, make_org(giver, name="Mutuelle des Sources"), photos=0, quantity=12)
        first = make_user("premier@example.org", "Premier Arrivé")
        services.reserve(first, batch, 7)
        ids = [make_user(f"m{i}@example.org", f"Membre {i}").id for i in range(20)]
        db.session.commit()
        batch_id = batch.id
        db.session.remove()
    barrier, results, errors = threading.Barrier(20, timeout=30), [], []

    def run(user_id):
        try:
            with race_app.test_request_context():
                barrier.wait()
                try:
                    reservation = services.reserve(db.session.get(User, user_id), db.session.get(Batch, batch_id), 1)
                    status = reservation.status
                    db.session.commit()
                    results.append(status)
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(results).count("HELD") == 5 and results.count("WAITING") == 15, results
    with race_app.app_context():
        batch = db.session.get(Batch, batch_id)
        assert db.session.get(PlacePool, batch.pool_id).taken == 12
        assert db.session.scalar(sa.select(sa.func.count(Reservation.id))) == 21
        db.session.remove()


def test_allocations_at_the_same_moment_never_give_more_than_the_batch_has(race_app):
    """'Je choisis': six requests of four laptops allocated at once (two colleagues of the giver clicking):
    twelve laptops, so three allocations hold and three are refused, by the database's conditional UPDATE."""
    from datetime import timedelta

    from market.fields import today
    with race_app.test_request_context():
        giver = make_user("mutuelle@example.org", "Mathilde Mutuelle")
        batch = make_batch(giver, make_org(giver, name="Mutuelle des Sources"), photos=0, quantity=12,
                           rule="choice", requests_until=today())
        ids = [services.reserve(make_user(f"m{i}@example.org", f"Membre {i}"), batch, 4).id for i in range(6)]
        batch.requests_until = today() - timedelta(days=1)
        db.session.commit()
        batch_id, giver_id = batch.id, giver.id
        db.session.remove()
    barrier, results, errors = threading.Barrier(6, timeout=30), [], []

    def run(reservation_id):
        try:
            with race_app.test_request_context():
                barrier.wait()
                try:
                    reservation = db.session.get(Reservation, reservation_id)
                    services.allocate(db.session.get(User, giver_id), reservation)
                    db.session.commit()
                    results.append("HELD")
                except services.Refused:
                    db.session.rollback()
                    results.append("refused")
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert results.count("HELD") == 3 and results.count("refused") == 3, results
    with race_app.app_context():
        assert db.session.get(PlacePool, db.session.get(Batch, batch_id).pool_id).taken == 12
        db.session.remove()
