"""Random movements from simultaneous writers: the database keeps every balance within its limits, every
stored balance equal to the sum of its lines, and all the lines summing to zero (SQLite and PostgreSQL)."""
import random
import threading

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.ledger import rules, services
from market.ledger.models import LedgerAccount, LedgerLine
from market.ledger.queries import drift
from tests.fixtures_race import run_threads

pytestmark = pytest.mark.no_app_context
FLOOR, CEILING = -120, 240


def _accounts(app, count):
    with app.app_context():
        ids = [services.account_for("race", f"member:{i}", hard_floor=FLOOR, hard_ceiling=CEILING).id
               for i in range(count)]
        db.session.commit()
        db.session.remove()
    return ids


def test_random_simultaneous_movements_never_pass_a_limit(race_app):
    ids = _accounts(race_app, 4)
    outcome = {"posted": 0, "refused": 0}
    lock = threading.Lock()
    start = threading.Barrier(6, timeout=20)

    def writer(seed):
        chance = random.Random(seed)
        start.wait()
        for _ in range(25):
            source, target = chance.sample(ids, 2)
            with race_app.app_context():
                try:
                    services.post(None, "race", rules.transfer(source, target, chance.choice([30, 60, 90])))
                    db.session.commit()
                    result = "posted"
                except services.LimitReached:
                    db.session.rollback()
                    result = "refused"
                finally:
                    db.session.remove()
            with lock:
                outcome[result] += 1

    errors = run_threads(writer, [(seed,) for seed in range(6)])
    assert not errors, errors
    assert outcome["posted"] + outcome["refused"] == 150
    assert outcome["refused"] > 0, outcome  # the limits were reached: the test did test them
    with race_app.app_context():
        balances = db.session.scalars(sa.select(LedgerAccount.balance)).all()
        assert all(FLOOR <= b <= CEILING for b in balances), balances
        assert db.session.scalar(sa.select(sa.func.sum(LedgerLine.amount))) == 0
        assert sum(balances) == 0
        assert drift() == []
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerLine)) == 2 * outcome["posted"]
        db.session.remove()


def test_two_simultaneous_movements_that_only_fit_once(race_app):
    """The receiver may go down to -120: two writers each move 90 out of it at the same moment."""
    payer, first, second = _accounts(race_app, 3)
    start = threading.Barrier(2, timeout=20)
    results = []

    def writer(target):
        with race_app.app_context():
            start.wait()
            try:
                services.post(None, "race", rules.transfer(payer, target, 90))
                db.session.commit()
                results.append("posted")
            except services.LimitReached as exc:
                db.session.rollback()
                results.append(exc.which)
            finally:
                db.session.remove()

    errors = run_threads(writer, [(first,), (second,)])
    assert not errors, errors
    assert sorted(results) == ["floor", "posted"]
    with race_app.app_context():
        assert db.session.get(LedgerAccount, payer).balance == -90
        assert drift() == []
        db.session.remove()
