"""The issue's "Done means": the juriste's coup de pouce, booked by the theatre, both confirm: +1 h / −1 h."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.ledger.queries import balance_from_lines, drift
from market.timebank import services
from market.timebank.accounts import account_of
from market.types import utcnow
from tests.timebank.conftest import agreed_exchange, balance, offer


def test_a_coup_de_pouce_given_earns_an_hour_and_the_receiver_pays_it(people):
    post = offer(people)
    exchange = services.respond(people["actor"], post, people["theatre"], "Nos statuts datent de 1998.")
    db.session.commit()
    assert exchange.status == "requested"
    assert exchange.giver_account_id == account_of(people["groupement"]).id
    services.act(people["juriste"], exchange, "accept")
    services.act(people["juriste"], exchange, "record", minutes=60)
    db.session.commit()
    assert exchange.status == "recorded" and balance(people["groupement"]) == 0
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    assert exchange.status == "credited"
    assert balance(people["groupement"]) == 60
    assert balance(people["theatre"]) == -60
    assert balance_from_lines(account_of(people["theatre"]).id) == -60
    assert [line.amount for line in exchange.entry.lines] and sum(line.amount for line in exchange.entry.lines) == 0
    assert drift() == []


def test_a_colleague_of_the_giver_acts_for_the_organisation(people):
    exchange = services.respond(people["actor"], offer(people), people["theatre"], "Bonjour")
    services.act(people["colleague"], exchange, "accept")
    db.session.commit()
    assert exchange.status == "agreed"


def test_only_the_giver_records_and_only_the_receiver_confirms(people):
    exchange = agreed_exchange(people)
    with pytest.raises(services.Refused):
        services.act(people["actor"], exchange, "record", minutes=60)
    db.session.rollback()
    services.act(people["juriste"], exchange, "record", minutes=90)
    db.session.commit()
    with pytest.raises(services.Refused):
        services.act(people["juriste"], exchange, "confirm")
    db.session.rollback()
    with pytest.raises(services.NotAllowed):
        services.act(people["outsider"], exchange, "confirm")
    db.session.rollback()
    assert balance(people["groupement"]) == 0


def test_a_contested_duration_is_not_credited_until_a_coordinator_decides(people):
    exchange = agreed_exchange(people)
    services.act(people["juriste"], exchange, "record", minutes=180)
    db.session.commit()
    with pytest.raises(services.Refused):
        services.act(people["actor"], exchange, "contest", reason="   ")
    db.session.rollback()
    services.act(people["actor"], exchange, "contest", reason="Nous avons parlé une heure, pas trois.")
    db.session.commit()
    assert services.settle_due(utcnow() + timedelta(days=10)) == []
    with pytest.raises(services.Refused):  # a side of the exchange cannot decide its own contest
        services.act(people["actor"], exchange, "credit")
    db.session.rollback()
    services.act(people["coordinator"], exchange, "credit")
    db.session.commit()
    assert balance(people["groupement"]) == 180 and balance(people["theatre"]) == -180


def test_one_cannot_answer_ones_own_post_nor_a_closed_one(people):
    post = offer(people)
    with pytest.raises(services.Refused):
        services.respond(people["colleague"], post, people["groupement"], "moi")
    db.session.rollback()
    services.close_post(people["juriste"], post)
    db.session.commit()
    with pytest.raises(services.Refused):
        services.respond(people["actor"], post, people["theatre"], "trop tard")
    db.session.rollback()


def test_an_ask_is_given_by_whoever_answers_it(people):
    ask = services.create_post(people["actor"], people["theatre"], "ask", "communication", "Une affiche",
                               "Pour notre festival.", 120)
    exchange = services.respond(people["juriste"], ask, people["juriste"], "Je sais faire des affiches.")
    services.act(people["actor"], exchange, "accept")
    services.act(people["juriste"], exchange, "record", minutes=120)
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    assert balance(people["juriste"]) == 120 and balance(people["theatre"]) == -120
