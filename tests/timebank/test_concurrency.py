"""Two givers' hours confirmed at the same moment for a receiver whose floor only allows one: the database
refuses the second credit, on SQLite and on PostgreSQL (both pass the application's checks before either writes)."""
import threading

import pytest

from market.accounts.models import User
from market.extensions import db
from market.ledger.queries import drift
from market.timebank import services
from market.timebank.accounts import account_of
from market.timebank.models import HelpExchange
from tests.fixtures_race import run_threads

pytestmark = pytest.mark.no_app_context


def _setup(app):
    from tests.factories import make_coordinator, make_org, make_user
    with app.test_request_context():
        receiver = make_user("theatre@example.org", "Inès Théâtre")
        theatre = make_org(receiver, name="Compagnie du Petit Théâtre")
        coordinator = make_coordinator()
        services.set_limits(coordinator, account_of(theatre), -60, None, None, None)
        pairs = []
        for n in range(2):
            giver = make_user(f"juriste{n}@example.org", f"Juriste {n}")
            org = make_org(giver, name=f"Groupement {n}")
            post = services.create_post(giver, org, "offer", "legal", f"Statuts {n}", "", 60)
            exchange = services.respond(receiver, post, theatre, "Bonjour")
            services.act(giver, exchange, "accept")
            services.act(giver, exchange, "record", minutes=60)
            pairs.append((receiver.id, exchange.id))
        db.session.commit()
        theatre_id = theatre.id
        db.session.remove()
    return pairs, theatre_id


def test_two_confirmations_at_once_cannot_take_the_receiver_below_its_floor(race_app, monkeypatch):
    pairs, theatre_id = _setup(race_app)
    barrier = threading.Barrier(2, timeout=20)
    real_claim = services._claim

    def claim_after_both_checked(exchange, action):
        barrier.wait()  # both have passed the permission and state checks
        real_claim(exchange, action)
    monkeypatch.setattr(services, "_claim", claim_after_both_checked)
    results = {}

    def confirm(user_id, exchange_id):
        with race_app.test_request_context():
            try:
                services.act(db.session.get(User, user_id), db.session.get(HelpExchange, exchange_id), "confirm")
                db.session.commit()
                results[exchange_id] = "credited"
            except services.Refused as exc:
                db.session.rollback()
                results[exchange_id] = str(exc)
            finally:
                db.session.remove()

    errors = run_threads(confirm, pairs)
    assert not errors, errors
    assert sorted(r == "credited" for r in results.values()) == [False, True], results
    assert "ne peut pas descendre plus bas" in next(r for r in results.values() if r != "credited")
    with race_app.test_request_context():
        from market.accounts.models import Organization
        assert account_of(db.session.get(Organization, theatre_id)).balance == -60
        statuses = sorted(db.session.scalars(db.select(HelpExchange.status)).all())
        assert statuses == ["credited", "recorded"]  # the refused one waits for the coordinator to raise the floor
        assert drift() == []
        db.session.remove()


def test_the_same_confirmation_sent_twice_at_once_is_credited_once(race_app, monkeypatch):
    pairs, theatre_id = _setup(race_app)
    user_id, exchange_id = pairs[0]
    barrier = threading.Barrier(2, timeout=20)
    real_claim = services._claim

    def claim_after_both_checked(exchange, action):
        barrier.wait()
        real_claim(exchange, action)
    monkeypatch.setattr(services, "_claim", claim_after_both_checked)
    results = []

    def confirm():
        with race_app.test_request_context():
            try:
                services.act(db.session.get(User, user_id), db.session.get(HelpExchange, exchange_id), "confirm")
                db.session.commit()
                results.append("credited")
            except services.Refused:
                db.session.rollback()
                results.append("refused")
            finally:
                db.session.remove()

    errors = run_threads(confirm, [(), ()])
    assert not errors, errors
    assert sorted(results) == ["credited", "refused"]
    with race_app.test_request_context():
        from market.accounts.models import Organization
        assert account_of(db.session.get(Organization, theatre_id)).balance == -60
        assert drift() == []
        db.session.remove()
