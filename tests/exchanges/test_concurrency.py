"""Two owners click "accept" at the same moment: one wins, the other is refused, never both.

On a file SQLite database and on PostgreSQL (tests/fixtures_race.py), with one
thread per owner and a barrier that makes both pass the application's own checks before either
writes: only the database (booking slots' primary key, the stock lock row) can then stop the second.
"""
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.accounts.models import User
from market.exchanges import bookings, loans, rules
from market.exchanges.base import ExchangeRefused
from market.exchanges.models import Booking, BookingSlot, Loan
from market.extensions import db

pytestmark = pytest.mark.no_app_context


def _setup(app, kind):
    """Two owners of one centre, two requests from two companies that cannot both be accepted."""
    from tests.exchanges.conftest import add_member, make_room, make_sound_system, next_weekday, paris
    from tests.factories import make_org, make_user
    with app.test_request_context():
        owner, colleague = make_user("centre@example.org", "Claire"), make_user("collegue@example.org", "Paul")
        centre = make_org(owner, name="Centre social des Ailes")
        add_member(colleague, centre)
        a, b = make_user("a@example.org", "Inès"), make_user("b@example.org", "Odile")
        if kind == "booking":
            room = make_room(owner, centre)
            friday = next_weekday(4)
            first = bookings.request_booking(a, room, None, paris(friday, 18), paris(friday, 20))
            second = bookings.request_booking(b, room, None, paris(friday, 19), paris(friday, 21))
        else:
            sono = make_sound_system(owner, centre, quantity=2)
            day = loans.today() + timedelta(days=3)
            first = loans.request_loan(a, sono, None, 2, day, day + timedelta(days=2))
            second = loans.request_loan(b, sono, None, 1, day + timedelta(days=1), day + timedelta(days=4))
        db.session.commit()
        return [(owner.id, first.id), (colleague.id, second.id)]


def _race(app, kind, pairs, monkeypatch):
    """Both threads pass the checks made before writing, then race to write."""
    barrier = threading.Barrier(len(pairs), timeout=20)
    if kind == "booking":
        real_holders = bookings._holders

        def holders_then_wait(*args, **kwargs):
            found = real_holders(*args, **kwargs)
            barrier.wait()  # both have seen "no overlap"
            return found
        monkeypatch.setattr(bookings, "_holders", holders_then_wait)
    else:
        real_lock, real_peak = loans.lock_stock, rules.peak_usage

        def wait_then_lock(listing):
            barrier.wait()  # both were about to check the stock
            real_lock(listing)

        def slow_peak(*args):
            result = real_peak(*args)
            time.sleep(0.3)  # the first one holds the lock a while: the second must wait for it
            return result
        monkeypatch.setattr(loans, "lock_stock", wait_then_lock)
        monkeypatch.setattr(rules, "peak_usage", slow_peak)

    results, errors = {}, []

    def worker(user_id, exchange_id):
        try:
            with app.test_request_context():
                user = db.session.get(User, user_id)
                try:
                    if kind == "booking":
                        bookings.accept_booking(user, db.session.get(Booking, exchange_id))
                    else:
                        loans.accept_loan(user, db.session.get(Loan, exchange_id))
                    db.session.commit()
                    results[exchange_id] = "accepted"
                except ExchangeRefused as exc:
                    db.session.rollback()
                    results[exchange_id] = exc.reasons[0]
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    return results


def test_two_owners_accept_overlapping_bookings_at_the_same_moment(race_app, monkeypatch):
    pairs = _setup(race_app, "booking")
    results = _race(race_app, "booking", pairs, monkeypatch)
    assert sorted(r == "accepted" for r in results.values()) == [False, True], results
    refusal = next(r for r in results.values() if r != "accepted")
    assert "Ce créneau vient d'être attribué à une autre réservation de la salle" in refusal
    with race_app.app_context():
        statuses = db.session.execute(sa.select(Booking.id, Booking.status)).all()
        assert sorted(s for _id, s in statuses) == ["accepted", "requested"]
        winner = next(i for i, s in statuses if s == "accepted")
        slots = db.session.execute(sa.select(BookingSlot.booking_id)).scalars().all()
        assert set(slots) == {winner} and len(slots) == 8
        db.session.remove()


def test_two_owners_accept_loans_beyond_stock_at_the_same_moment(race_app, monkeypatch):
    pairs = _setup(race_app, "loan")
    results = _race(race_app, "loan", pairs, monkeypatch)
    assert sorted(r == "accepted" for r in results.values()) == [False, True], results
    refusal = next(r for r in results.values() if r != "accepted")
    assert "Sur cette période" in refusal or "entièrement prêté" in refusal
    with race_app.app_context(), race_app.test_request_context():
        accepted = db.session.scalars(sa.select(Loan).where(Loan.status == "accepted")).all()
        assert len(accepted) == 1
        sono = accepted[0].listing
        assert rules.peak_usage(loans.holding(sono, loans.today(), loans.today() + timedelta(days=30)),
                                loans.today(), loans.today() + timedelta(days=30)) <= sono.quantity
        db.session.remove()


def test_without_the_stock_lock_both_loans_would_be_accepted(sqlite_app, monkeypatch):
    """The control experiment: the lock is what makes the difference (SQLite)."""
    pairs = _setup(sqlite_app, "loan")
    monkeypatch.setattr(loans, "lock_stock", lambda listing: None)
    try:
        barrier = threading.Barrier(2, timeout=20)
        real_peak = rules.peak_usage

        def peak_then_wait(*args):
            result = real_peak(*args)
            barrier.wait()
            return result
        monkeypatch.setattr(rules, "peak_usage", peak_then_wait)
        results = {}

        def worker(user_id, loan_id):
            with sqlite_app.test_request_context():
                try:
                    loans.accept_loan(db.session.get(User, user_id), db.session.get(Loan, loan_id))
                    db.session.commit()
                    results[loan_id] = "accepted"
                except ExchangeRefused as exc:
                    db.session.rollback()
                    results[loan_id] = exc.reasons[0]
                finally:
                    db.session.remove()
        threads = [threading.Thread(target=worker, args=pair) for pair in pairs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert list(results.values()) == ["accepted", "accepted"]  # stock 2, lent 3: what the lock prevents
    finally:
        with sqlite_app.app_context():
            from tests.conftest import _delete_all_rows
            _delete_all_rows()
            db.session.remove()
