"""The same Idempotency-Key sent twice at the same moment: one listing, and both answers are the first one.

Both requests are held (a barrier) until each has looked for the key and found nothing: only the database's
unique constraint on (token, key) can then stop the second, which answers with the first one's response.
On a file SQLite database and on PostgreSQL (tests/exchanges/test_concurrency.py's scratch databases)."""
import threading

import pytest

from market.api import idempotency
from market.extensions import db
from market.listings.models import Listing

pytestmark = pytest.mark.no_app_context

OFFER = {"kind": "offer", "category": "equipment", "title": "Barnum 3 x 3 m",
         "description": "Un barnum pliant pour vos marchés.", "commune": "Cusset", "terms": "loan"}


def _token(app) -> str:
    from market.tokens import services
    from tests.factories import make_org, make_user
    with app.test_request_context():
        user = make_user("amap@example.org", "Amap")
        make_org(user, name="AMAP du Sichon")
        _token, raw = services.create_token(user, "site", ["read", "write"])
        db.session.commit()
        return raw


def test_simultaneous_requests_with_one_key_create_one_listing(race_app, monkeypatch):
    headers = {"Authorization": f"Bearer {_token(race_app)}", "Idempotency-Key": "barnum-1"}
    barrier = threading.Barrier(2, timeout=20)
    real_find, waited = idempotency.find, threading.local()

    def find_then_wait(token, key):
        found = real_find(token, key)
        if not getattr(waited, "done", False):  # the first look only; the loser looks again after the refusal
            waited.done = True
            barrier.wait()  # both have seen "no such key yet"
        return found
    monkeypatch.setattr(idempotency, "find", find_then_wait)
    answers = []

    def post():
        answers.append(race_app.test_client().post("/api/v1/listings", json=OFFER, headers=headers))
    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    monkeypatch.setattr(idempotency, "find", real_find)
    assert sorted(a.status_code for a in answers) == [201, 201], [a.get_json() for a in answers]
    assert answers[0].get_json()["id"] == answers[1].get_json()["id"]
    with race_app.app_context():
        assert db.session.scalar(db.select(db.func.count(Listing.id))) == 1
        db.session.remove()
