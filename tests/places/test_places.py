"""Taking, waiting for, giving back and passing on limited places, as the features' members see it."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus
from market.places.signals import place_offered
from market.types import utcnow
from tests.factories import make_user


@pytest.fixture
def people():
    return [make_user(f"p{i}@example.org", f"Personne {i}") for i in range(4)]


@pytest.fixture
def offered():
    seen = []

    def remember(hold):
        seen.append(hold.id)
    place_offered.connect(remember)
    yield seen
    place_offered.disconnect(remember)


def test_places_run_out_then_the_line_forms_in_order(people):
    pool = places.open_pool("test.batch", 3)
    first = places.take(people[0], pool, 2)
    second = places.take(people[1], pool, 2)
    third = places.take(people[2], pool, 1)
    assert (first.status, second.status, third.status) == (HoldStatus.HELD, HoldStatus.WAITING, HoldStatus.HELD)
    assert pool.taken == 3 and places.free(pool) == 0
    late = places.take(people[3], pool, 1)
    assert (places.position(second), places.position(late), places.position(first)) == (1, 2, None)


def test_without_the_waiting_list_a_full_pool_refuses(people):
    pool = places.open_pool("test.shift", 1)
    places.take(people[0], pool)
    with pytest.raises(places.NoPlacesLeft):
        places.take(people[1], pool, waitlist=False)
    assert pool.taken == 1


def test_a_release_offers_the_places_to_the_next_who_confirms(people, offered):
    pool = places.open_pool("test.batch", 2, hold_for=timedelta(days=7), offer_for=timedelta(hours=24))
    mine = places.take(people[0], pool, 2)
    waiting = places.take(people[1], pool, 1)
    places.release(people[0], mine)
    assert mine.status == HoldStatus.RELEASED and offered == [waiting.id]
    assert waiting.status == HoldStatus.OFFERED and pool.taken == 1
    assert timedelta(hours=23) < waiting.expires_at - utcnow() <= timedelta(hours=24)
    places.confirm(people[1], waiting)
    assert waiting.status == HoldStatus.HELD and waiting.expires_at - utcnow() > timedelta(days=6)


def test_a_big_ask_keeps_its_rank_while_a_small_one_behind_is_served(people, offered):
    pool = places.open_pool("test.batch", 3)
    holder = places.take(people[0], pool, 3)
    big = places.take(people[1], pool, 3)
    small = places.take(people[2], pool, 1)
    places.release(people[0], holder)
    assert offered == [big.id] and small.status == HoldStatus.WAITING
    places.release(people[1], big)
    assert small.status == HoldStatus.OFFERED and pool.taken == 1


def test_holds_and_offers_lapse_and_the_line_moves_on(people, offered):
    pool = places.open_pool("test.batch", 1, hold_for=timedelta(days=2), offer_for=timedelta(hours=12))
    start = utcnow()
    mine = places.take(people[0], pool, now=start)
    nxt = places.take(people[1], pool, now=start)
    after = places.take(people[2], pool, now=start)
    assert places.lapse_due(start + timedelta(days=1)) == 0
    assert places.lapse_due(start + timedelta(days=2, minutes=1)) == 1
    assert mine.status == HoldStatus.LAPSED and nxt.status == HoldStatus.OFFERED
    # the next one says nothing in time: the offer lapses and goes to the one after
    assert places.lapse_due(start + timedelta(days=2, hours=13)) == 1
    assert nxt.status == HoldStatus.LAPSED and after.status == HoldStatus.OFFERED
    with pytest.raises(places.HoldNotActive):
        places.confirm(people[1], nxt)
    assert pool.taken == 1 and offered == [nxt.id, after.id]


def test_a_late_confirmation_is_refused(people):
    pool = places.open_pool("test.batch", 1, offer_for=timedelta(hours=1))
    mine = places.take(people[0], pool)
    nxt = places.take(people[1], pool)
    places.release(people[0], mine)
    with pytest.raises(places.HoldNotActive):
        places.confirm(people[1], nxt, now=utcnow() + timedelta(hours=2))
    assert nxt.status == HoldStatus.OFFERED


def test_used_places_stay_counted_and_never_lapse(people):
    pool = places.open_pool("test.batch", 1, hold_for=timedelta(hours=1))
    mine = places.take(people[0], pool)
    places.complete(people[0], mine)
    assert places.lapse_due(utcnow() + timedelta(days=30)) == 0
    assert mine.status == HoldStatus.DONE and pool.taken == 1
    with pytest.raises(places.HoldNotActive):
        places.release(people[0], mine)


def test_leaving_the_waiting_list_frees_nothing(people):
    pool = places.open_pool("test.batch", 1)
    places.take(people[0], pool)
    waiting = places.take(people[1], pool)
    places.release(people[1], waiting)
    assert waiting.status == HoldStatus.RELEASED and pool.taken == 1
    with pytest.raises(places.HoldNotActive):
        places.release(people[1], waiting)
    assert pool.taken == 1


def test_resizing_never_goes_below_what_is_held_and_added_places_go_to_the_line(people, offered):
    pool = places.open_pool("test.shift", 2)
    places.take(people[0], pool, 2)
    waiting = places.take(people[1], pool)
    with pytest.raises(places.CapacityBelowTaken):
        places.resize(pool, 1)
    assert pool.capacity == 2
    places.resize(pool, 3)
    assert waiting.status == HoldStatus.OFFERED and pool.taken == 3 and offered == [waiting.id]


def test_a_stale_copy_of_a_waiting_hold_still_gives_its_offered_places_back(people):
    """The member saw "waiting", then another worker offered places: leaving must return them."""
    pool = places.open_pool("test.batch", 1)
    mine = places.take(people[0], pool)
    waiting = places.take(people[1], pool)
    places.release(people[0], mine)
    db.session.commit()
    db.session.expire_all()
    waiting.status  # noqa: B018 - load it, then pretend this copy is from before the offer
    from sqlalchemy.orm.attributes import set_committed_value
    set_committed_value(waiting, "status", HoldStatus.WAITING)
    places.release(people[1], waiting)
    assert waiting.status == HoldStatus.RELEASED and pool.taken == 0


def test_when_the_owner_grants_every_request_waits_and_freed_places_come_back_to_the_owner(people, offered):
    pool = places.open_pool("test.choice", 5, hold_for=timedelta(days=7), allocation="owner")
    asks = [places.take(person, pool, 3) for person in people[:3]]
    assert [h.status for h in asks] == [HoldStatus.WAITING] * 3 and pool.taken == 0
    assert places.position(asks[0]) is None  # a request, not a rank in a line
    places.grant(None, asks[1], 2)  # the owner gives two of the three asked
    assert (asks[1].status, asks[1].quantity, pool.taken) == (HoldStatus.HELD, 2, 2)
    assert asks[1].expires_at is not None
    places.grant(None, asks[2])
    with pytest.raises(places.NoPlacesLeft):  # 5 places: 2 + 3 granted, none left for the first
        places.grant(None, asks[0], 1)
    assert asks[0].status == HoldStatus.WAITING and pool.taken == 5
    places.release(people[2], asks[2])
    assert pool.taken == 2 and asks[0].status == HoldStatus.WAITING and offered == []  # back to the owner
    with pytest.raises(places.HoldNotActive):
        places.grant(None, asks[1], 1)  # already holds its places
    assert pool.taken == 2
    with pytest.raises(ValueError):
        places.grant(None, asks[0], 4)  # more than asked


def test_an_unknown_allocation_rule_is_refused():
    with pytest.raises(ValueError):
        places.open_pool("test.choice", 5, allocation="lottery")
