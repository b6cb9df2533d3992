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
