"""Eight members book a 6-seat workshop at the same moment: six seats, two in line, never a seventh seat; then two
members cancel at once and the two first in line are offered the seats. On SQLite and PostgreSQL
(tests/fixtures_race.py): the database refuses the extra seat (market/places), not a Python check."""
import threading
from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa

from market.accounts.models import Organization, User
from market.extensions import db
from market.places.models import HoldStatus, PlaceHold, PlacePool
from market.timebank import workshops
from market.timebank.rules import PARIS
from market.timebank.workshop_models import Workshop, WorkshopSeat

pytestmark = pytest.mark.no_app_context


def _together(app, jobs):
    barrier = threading.Barrier(len(jobs), timeout=30)
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            with app.test_request_context():
                barrier.wait()
                try:
                    results[index] = job()
                    db.session.commit()
                except workshops.Refused as exc:
                    db.session.rollback()
                    results[index] = f"refused: {exc}"
                finally:
                    db.session.remove()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert not errors, errors
    return results


def _setup(app):
    from tests.factories import make_org, make_user
    with app.test_request_context():
        provider = make_user("centres@example.org", "Équipe des Foyers")
        centres = make_org(provider, name="Fédération des Foyers")
        day = (datetime.now(PARIS) + timedelta(days=4)).date()
        workshop = workshops.create_workshop(provider, centres, {
            "skill": "funding", "title": "Rédiger sa demande de subvention", "day": day, "start": time(14),
            "end": time(16), "place": "Cusset", "capacity": 6, "notice_hours": 24})
        members = []
        for n in range(8):
            user = make_user(f"membre{n}@example.org", f"Membre {n}")
            members.append((user.id, make_org(user, name=f"Association {n}").id))
        db.session.commit()
        ids = workshop.id, members
        db.session.remove()
    return ids


def _book(workshop_id, user_id, org_id):
    def job():
        seat = workshops.book(db.session.get(User, user_id), db.session.get(Workshop, workshop_id),
                              db.session.get(Organization, org_id))
        return seat.hold.status
    return job


def test_eight_requests_at_once_for_six_seats(race_app):
    workshop_id, members = _setup(race_app)
    results = _together(race_app, [_book(workshop_id, u, o) for u, o in members])
    assert sorted(results) == sorted([HoldStatus.HELD] * 6 + [HoldStatus.WAITING] * 2), results
    with race_app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        assert db.session.get(PlacePool, workshop.pool_id).taken == 6
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkshopSeat)) == 8
        held = db.session.scalars(sa.select(WorkshopSeat).join(PlaceHold, PlaceHold.id == WorkshopSeat.hold_id)
                                  .where(PlaceHold.status == HoldStatus.HELD).order_by(WorkshopSeat.id)).all()
        leaving = [(s.id, s.user_id) for s in held[:2]]
        db.session.remove()

    def cancel(seat_id, user_id):
        def job():
            workshops.cancel_seat(db.session.get(User, user_id), db.session.get(WorkshopSeat, seat_id))
            return "cancelled"
        return job

    assert _together(race_app, [cancel(s, u) for s, u in leaving]) == ["cancelled", "cancelled"]
    with race_app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        pool = db.session.get(PlacePool, workshop.pool_id)
        statuses = [s.hold.status for s in workshop.seats]
        assert pool.taken == 6 and statuses.count(HoldStatus.OFFERED) == 2 and statuses.count(HoldStatus.HELD) == 4
        db.session.remove()
