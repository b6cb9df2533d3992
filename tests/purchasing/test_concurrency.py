"""Simultaneous commitments: the stock is never exceeded and the total never drifts from the sum.

On a file SQLite database and on PostgreSQL, each in a scratch database migrated to head. Threads
pass the application's own early check (`room_for`) behind a barrier, then write at the same moment:
only the database (the row lock, the conditional UPDATE and the CHECK) can stop the extra units.
"""
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.accounts.models import Organization, User
from market.extensions import db
from market.purchasing import services
from market.purchasing.models import Commitment, PurchaseGroup
from market.purchasing.services import PurchaseRefused

pytestmark = pytest.mark.no_app_context


def _setup(app, writers: int, max_quantity):
    from tests.factories import make_coordinator, make_org, make_user
    from tests.purchasing.conftest import open_paper
    with app.test_request_context():
        group = open_paper(make_coordinator(), max_quantity=max_quantity, min_total=1)
        pairs = []
        for n in range(writers):
            user = make_user(f"asso{n}@example.org", f"Asso {n}")
            pairs.append((user.id, make_org(user, name=f"Association numéro {n}").id))
        db.session.commit()
        return group.id, pairs


def _race(app, group_id, jobs, barrier_for_all=True):
    """Each job (user id, organisation id, quantity) commits in its own thread, all released at once."""
    barrier = threading.Barrier(len(jobs), timeout=30)
    results, errors = [], []
    real_room = services.room_for

    def worker(user_id, org_id, quantity):
        try:
            with app.test_request_context():
                user, org = db.session.get(User, user_id), db.session.get(Organization, org_id)
                group = db.session.get(PurchaseGroup, group_id)
                try:
                    real_room(group, org)  # the early check every thread passes...
                    barrier.wait()          # ...before any of them writes
                    services.commit(user, group, org, quantity)
                    db.session.commit()
                    results.append(("ok", quantity))
                except PurchaseRefused as exc:
                    db.session.rollback()
                    results.append(("refused", exc.reasons[0]))
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


def _stored(app, group_id):
    with app.app_context():
        total = db.session.get(PurchaseGroup, group_id).committed_total
        summed = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Commitment.quantity), 0))
                                   .where(Commitment.group_id == group_id))
        db.session.remove()
        return total, summed


def test_simultaneous_commitments_never_exceed_the_stock(race_app, monkeypatch):
    group_id, pairs = _setup(race_app, 4, max_quantity=100)
    # the early check would let each through alone: 4 × 40 = 160 for a stock of 100
    monkeypatch.setattr(services, "room_for", lambda group, organization: None)
    results = _race(race_app, group_id, [(u, o, 40) for u, o in pairs])
    assert sorted(r[0] for r in results) == ["ok", "ok", "refused", "refused"], results
    assert all("stock" in r[1] for r in results if r[0] == "refused")
    assert _stored(race_app, group_id) == (80, 80)


def test_simultaneous_changes_keep_the_total_equal_to_the_sum(race_app):
    group_id, pairs = _setup(race_app, 6, max_quantity=None)
    with race_app.test_request_context():
        group = db.session.get(PurchaseGroup, group_id)
        for user_id, org_id in pairs:
            services.commit(db.session.get(User, user_id), group, db.session.get(Organization, org_id), 10)
        db.session.commit()
        db.session.remove()
    jobs = [(u, o, q) for (u, o), q in zip(pairs, (0, 25, 3, 17, 0, 40))]
    results = _race(race_app, group_id, jobs)
    assert [r[0] for r in results] == ["ok"] * 6, results
    assert _stored(race_app, group_id) == (85, 85)


def test_the_same_organisation_from_two_places_ends_with_one_line(race_app):
    """Two members of one association commit at once (the unique line, the lock): one line, the total right."""
    group_id, pairs = _setup(race_app, 1, max_quantity=None)
    user_id, org_id = pairs[0]
    with race_app.test_request_context():
        from tests.exchanges.conftest import add_member
        from tests.factories import make_user
        colleague = make_user("collegue@example.org", "Collègue")
        add_member(colleague, db.session.get(Organization, org_id))
        colleague_id = colleague.id
        db.session.remove()
    results = _race(race_app, group_id, [(user_id, org_id, 12), (colleague_id, org_id, 30)])
    assert [r[0] for r in results] == ["ok", "ok"], results
    total, summed = _stored(race_app, group_id)
    assert total == summed and total in (12, 30)


def test_deadline_and_commitment_at_the_same_moment(race_app):
    """Closing and a late commitment race: the frozen lines always match the frozen total."""
    from market.purchasing import closing
    group_id, pairs = _setup(race_app, 1, max_quantity=None)
    user_id, org_id = pairs[0]
    barrier = threading.Barrier(2, timeout=30)
    errors = []

    def closer():
        try:
            with race_app.test_request_context():
                barrier.wait()
                closing.close_group(db.session.get(PurchaseGroup, group_id),
                                    now=_later())
                db.session.commit()
                db.session.remove()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    def committer():
        try:
            with race_app.test_request_context():
                group, org = db.session.get(PurchaseGroup, group_id), db.session.get(Organization, org_id)
                barrier.wait()
                try:
                    services.commit(db.session.get(User, user_id), group, org, 20)
                    db.session.commit()
                except PurchaseRefused:
                    db.session.rollback()
                db.session.remove()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=closer), threading.Thread(target=committer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with race_app.app_context():
        group = db.session.get(PurchaseGroup, group_id)
        assert group.status in ("confirmed", "short")
        frozen = sum(c.goods_cents or 0 for c in group.commitments)
        assert frozen == group.committed_total * (group.final_unit_price_cents or 0)
        db.session.remove()


def _later():
    from market.types import utcnow
    return utcnow() + timedelta(days=30)
