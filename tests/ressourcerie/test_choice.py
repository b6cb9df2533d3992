"""'Je choisis': the giver collects requests until a day, then allocates; through the pages, as people see it."""
from datetime import timedelta

from market.extensions import db
from market.fields import today
from market.notifications.models import Notification
from market.places.models import PlacePool
from market.ressourcerie import services
from market.ressourcerie.models import Batch, Reservation
from market.types import utcnow


def _notices(user, kind):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id,
                                                            Notification.kind == kind)).all()


def _give(giver, network, **extra):
    data = {"organization": network["mutual"].slug, "title": "12 ordinateurs portables 14 pouces",
            "category": "informatique", "condition": "bon_etat", "quantity": "12", "commune": "Vichy",
            "hold_days": "7", "rule": "choice", **extra}
    return giver.post("/ressourcerie/donner", data=data)


def _ask(browser, person, org, batch, quantity):
    return browser(person).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                data={"organization": org.slug, "quantity": str(quantity)})


def _allocate(giver, reservation, quantity):
    return giver.post(f"/ressourcerie/reservations/{reservation.id}/attribuer", data={"quantity": str(quantity)})


def test_a_giver_who_chooses_must_say_until_when_requests_are_collected(network, browser):
    response = _give(browser(network["giver"]), network)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Indiquez jusqu'à quel jour" in page
    assert 'value="12 ordinateurs portables 14 pouces"' in page and 'checked id="rule-1"' in page
    assert db.session.scalar(db.select(db.func.count(Batch.id))) == 0


def test_requests_collected_then_allocated_lapsed_back_to_the_giver(network, browser, runner):
    giver = browser(network["giver"])
    until = today() + timedelta(days=3)
    assert _give(giver, network, requests_until=until.isoformat()).status_code == 302
    batch = db.session.scalar(db.select(Batch))
    assert batch.chooses and batch.requests_until == until

    # three associations ask: nobody holds anything yet, nobody is "in line"
    for key, quantity in (("a", 6), ("b", 6), ("c", 4)):
        assert _ask(browser, network[key], network[key + "_org"], batch, quantity).status_code == 302
    asks = {key: db.session.scalar(db.select(Reservation).where(Reservation.user_id == network[key].id))
            for key in "abc"}
    assert {r.status for r in asks.values()} == {"WAITING"} and batch.pool.taken == 0
    mine = browser(network["c"]).text(batch.url)
    assert "Demande reçue : le donateur choisira" in mine and "Position" not in mine
    public = browser().text(batch.url)
    assert "3 demandes en attente (16 articles demandés)" in public and "12 sur 12" in public

    # before the day is over the giver sees the requests but cannot allocate yet
    page = giver.text(batch.url)
    assert 'id="allocate-later"' in page and "Attribuer" not in page
    early = _allocate(giver, asks["a"], 6)
    assert early.status_code == 400 and "une fois les" in early.get_data(as_text=True)
    assert asks["a"].status == "WAITING"

    # the day is over: requests close, the giver allocates (less than asked to one of them)
    batch.requests_until = today() - timedelta(days=1)
    db.session.commit()
    late = browser(network["outsider"]).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                             data={"organization": "", "quantity": "1"})
    assert late.status_code == 400 and "Les demandes sont closes" in late.get_data(as_text=True)
    assert 'id="allocate-' in giver.text(batch.url)
    for key, quantity in (("a", 6), ("b", 2), ("c", 4)):
        assert _allocate(giver, asks[key], quantity).status_code == 302
    db.session.expire_all()
    assert [asks[k].status for k in "abc"] == ["HELD"] * 3 and asks["b"].hold.quantity == 2
    assert db.session.get(PlacePool, batch.pool_id).taken == 12
    told = _notices(network["c"], "ressourcerie_allocated")
    assert len(told) == 1 and asks["c"].code in told[0].body

    # the first does not come: its items go back to the giver (nobody is offered them automatically)
    asks["a"].hold.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    outputs = [runner.invoke(args=["market", "ressourcerie-lapse"]).output for _ in range(2)]
    assert [o.splitlines()[0] for o in outputs] == ["Réservations expirées : 1 ; personnes prévenues : 2.",
                                                    "Réservations expirées : 0 ; personnes prévenues : 0."]
    db.session.expire_all()
    assert asks["a"].status == "LAPSED" and db.session.get(PlacePool, batch.pool_id).taken == 6
    assert len(_notices(network["giver"], "ressourcerie_back")) == 1
    assert "non venu·e : 1 fois" in giver.text(batch.url)


def test_an_allocation_beyond_what_is_left_is_refused_and_says_how_many_remain(network, browser):
    from tests.factories import make_batch
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=5, rule="choice",
                       requests_until=today())
    one = services.reserve(network["a"], batch, 4, network["a_org"])
    two = services.reserve(network["b"], batch, 3, network["b_org"])
    batch.requests_until = today() - timedelta(days=1)
    db.session.commit()
    giver = browser(network["giver"])
    assert _allocate(giver, one, 4).status_code == 302
    response = _allocate(giver, two, 3)
    assert response.status_code == 400 and "Il ne reste que 1 article(s)" in response.get_data(as_text=True)
    assert _allocate(giver, two, 9).status_code == 400  # more than asked
    assert _allocate(giver, two, 1).status_code == 302
    db.session.expire_all()
    assert (two.status, two.hold.quantity, db.session.get(PlacePool, batch.pool_id).taken) == ("HELD", 1, 5)


def test_only_the_giver_allocates_and_only_where_the_giver_chooses(network, browser):
    from tests.factories import make_batch
    chosen = make_batch(network["giver"], network["mutual"], photos=0, quantity=2, rule="choice",
                        requests_until=today())
    ask = services.reserve(network["a"], chosen, 2, network["a_org"])
    chosen.requests_until = today() - timedelta(days=1)
    first = make_batch(network["giver"], network["mutual"], photos=0, quantity=1)
    services.reserve(network["b"], first, 1, network["b_org"])
    waiting = services.reserve(network["c"], first, 1, network["c_org"])
    db.session.commit()
    assert _allocate(browser(network["a"]), ask, 2).status_code == 403
    assert _allocate(browser(network["outsider"]), ask, 2).status_code == 404
    response = _allocate(browser(network["giver"]), waiting, 1)  # first come, first served: nothing to allocate
    assert response.status_code == 400 and "ordre des réservations" in response.get_data(as_text=True)
    assert (ask.status, waiting.status) == ("WAITING", "WAITING")
