"""Slots of a coup de pouce (four 1-hour coups de pouce: the fifth waits, a freed slot goes to the next), the
coordinators' settings (welcome credit, default limits) and the soft limit's warning."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.notifications.models import Notification
from market.places.models import HoldStatus
from market.timebank import services, settings
from market.timebank.accounts import account_of
from tests.factories import make_org, make_user
from tests.timebank.conftest import balance


def _four_slots(people):
    post = services.create_post(people["juriste"], people["groupement"], "offer", "legal",
                                "Une heure de juriste", "Quatre coups de pouce d'une heure.", 60, slots=4)
    db.session.commit()
    return post


def _askers(count):
    out = []
    for n in range(count):
        user = make_user(f"asso{n}@example.org", f"Asso {n}")
        out.append((user, make_org(user, name=f"Association {n}")))
    return out


def test_four_slots_the_fifth_waits_and_a_declined_slot_goes_to_the_next(people):
    post = _four_slots(people)
    askers = _askers(5)
    exchanges = [services.respond(user, post, org, "Bonjour") for user, org in askers]
    db.session.commit()
    assert [e.status for e in exchanges] == ["requested"] * 4 + ["waiting"]
    assert post.pool.taken == 4
    services.act(people["juriste"], exchanges[1], "decline")
    db.session.commit()
    assert exchanges[4].hold.status == HoldStatus.OFFERED
    notices = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == askers[4][0].id)).all()
    assert "timebank_slot_offered" in notices
    with pytest.raises(services.Refused):  # only the person in line takes it
        services.act(people["juriste"], exchanges[4], "take")
    db.session.rollback()
    services.act(askers[4][0], exchanges[4], "take")
    db.session.commit()
    assert exchanges[4].status == "requested" and exchanges[4].hold.status == HoldStatus.HELD
    services.act(people["juriste"], exchanges[4], "accept")
    services.act(people["juriste"], exchanges[4], "record", minutes=60)
    db.session.commit()
    assert exchanges[4].hold.status == HoldStatus.DONE and post.pool.taken == 4


def test_a_lapsed_offer_closes_the_place_in_line(people, runner):
    from market.places import services as places
    post = _four_slots(people)
    askers = _askers(5)
    exchanges = [services.respond(user, post, org, "Bonjour") for user, org in askers]
    services.act(askers[0][0], exchanges[0], "cancel")
    db.session.commit()
    offered = exchanges[4].hold
    places.lapse_due(offered.expires_at + timedelta(minutes=1))
    db.session.commit()
    result = runner.invoke(args=["market", "timebank-settle"])
    assert "1 place(s) en attente close(s)" in result.output, result.output
    db.session.refresh(exchanges[4])
    assert exchanges[4].status == "cancelled"


def test_the_pages_show_the_slots_and_the_waiting_list(people, browser):
    post = _four_slots(people)
    for user, org in _askers(4):
        services.respond(user, post, org, "Bonjour")
    db.session.commit()
    theatre = browser(people["actor"])
    page = theatre.text(post.url)
    assert "Tous les créneaux sont pris" in page and "M'inscrire sur la liste d'attente" in page
    response = theatre.post(post.url, data={"holder": f"org:{people['theatre'].id}", "message": "Nous aussi",
                                            "scheduled_on": ""}, follow_redirects=True)
    assert "n° 1 sur la liste d&#39;attente" in response.get_data(as_text=True)


def test_the_coordinators_settings_apply_to_new_accounts(people, browser):
    coordinator = browser(people["coordinator"])
    response = coordinator.post("/coups-de-pouce/coordination/reglages", data={
        "welcome": "3", "hard_floor": "-10", "soft_floor": "-5", "soft_ceiling": "40", "hard_ceiling": "80",
        "workshop_rule": "per_attendee"})
    assert response.status_code == 302
    newcomer = make_user("nouveau@example.org", "Nina Nouvelle")
    account = account_of(newcomer)
    db.session.commit()
    assert balance(newcomer) == 180 and (account.hard_floor, account.soft_floor) == (-600, -300)
    response = coordinator.post("/coups-de-pouce/coordination/reglages", data={
        "welcome": "100", "hard_floor": "-10", "soft_floor": "-20", "soft_ceiling": "", "hard_ceiling": "80",
        "workshop_rule": "per_attendee"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "au-dessus du plancher" in page and "dépasse le plafond" in page
    assert browser(people["actor"]).get("/coups-de-pouce/coordination/reglages").status_code == 403
    assert settings.current().welcome_minutes == 180


def test_the_soft_floor_warns_before_and_after_but_does_not_refuse(people, browser):
    services.set_limits(people["coordinator"], account_of(people["theatre"]), -600, None, -60, None)
    post = services.create_post(people["juriste"], people["groupement"], "offer", "legal", "Statuts", "", 90)
    exchange = services.respond(people["actor"], post, people["theatre"], "Bonjour")
    services.act(people["juriste"], exchange, "accept")
    services.act(people["juriste"], exchange, "record", minutes=90)
    db.session.commit()
    theatre = browser(people["actor"])
    assert "sous le seuil d&#39;alerte" in theatre.text(exchange.url)
    response = theatre.post(f"/coups-de-pouce/echanges/{exchange.id}/confirm", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Les heures sont comptées" in page and "sous le seuil d&#39;alerte de \u22121 h" in page
    assert balance(people["theatre"]) == -90
    assert "sous le seuil d&#39;alerte" in theatre.text("/coups-de-pouce/mon-compte")
