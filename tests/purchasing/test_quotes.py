"""Purchases on quotation: interests with their details, the offer published once and told, answers, cancelling."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.notifications.models import Notification
from market.purchasing.quotes import services as quotes
from market.purchasing.quotes.models import Interest, InterestList
from market.purchasing.services import NotAllowed, PurchaseRefused
from market.types import utcnow
from tests.purchasing.conftest import open_insurance


def _register(user, item, org, employees=3, premises_m2=120, note=""):
    row = quotes.register(user, item, org, {"employees": employees, "premises_m2": premises_m2}, note)
    db.session.commit()
    return row


def _publish(actor, item, days=20):
    quotes.publish_offer(actor, item, "Mutuelle solidaire (démo)", "Multirisque, franchise 150 €.",
                         "2,10 € par m² et par an, 180 € minimum.", utcnow() + timedelta(days=days))
    db.session.commit()


def _told(kind) -> set[int]:
    return {n.user_id for n in db.session.scalars(sa.select(Notification).where(Notification.kind == kind))}


def test_members_register_their_details_and_may_change_or_withdraw(network, insurance):
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    _register(a, insurance, org_a, employees=3, premises_m2=120, note="Contrat actuel jusqu'en juin")
    _register(b, insurance, org_b, employees=0, premises_m2=45)
    row = _register(a, insurance, org_a, employees=4, premises_m2=120)  # changed: still one line
    assert (row.employees, row.premises_m2, row.vehicles) == (4, 120, None)
    assert db.session.scalar(sa.select(sa.func.count(Interest.id))) == 2
    quotes.withdraw(b, quotes.interest_of(insurance, org_b))
    db.session.commit()
    assert [i.organization_id for i in db.session.scalars(sa.select(Interest))] == [org_a.id]


def test_the_details_asked_are_required_and_whole_numbers(network, insurance):
    a, org_a = network["people"][0], network["orgs"][0]
    with pytest.raises(PurchaseRefused) as refused:
        quotes.register(a, insurance, org_a, {"employees": None, "premises_m2": -5})
    fields = dict(refused.value.by_field)
    assert "employees" in fields and "premises_m2" in fields
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Interest.id))) == 0


def test_only_a_member_of_a_verified_organisation_registers_it(network, insurance):
    a, b = network["people"][:2]
    with pytest.raises(NotAllowed):
        quotes.register(b, insurance, network["orgs"][0], {"employees": 1, "premises_m2": 1})
    from tests.factories import make_org
    with pytest.raises(NotAllowed):
        quotes.register(a, insurance, make_org(a, name="En attente", status="pending"),
                        {"employees": 1, "premises_m2": 1})


def test_publishing_the_offer_tells_every_interested_member_once_and_closes_the_list(network, insurance):
    (a, b, c, _d), (org_a, org_b, org_c, _) = network["people"], network["orgs"]
    _register(a, insurance, org_a)
    _register(b, insurance, org_b)
    with pytest.raises(NotAllowed):
        quotes.publish_offer(a, insurance, "X", "Y", "Z", utcnow() + timedelta(days=5))
    _publish(network["coordinator"], insurance)
    assert _told("purchase_offer") == {a.id, b.id, network["colleague"].id}
    offer = db.session.scalar(sa.select(Notification).where(Notification.kind == "purchase_offer"))
    assert "2,10 € par m²" in offer.body and "Assurance multirisque" in offer.title
    with pytest.raises(PurchaseRefused):  # once only
        quotes.publish_offer(network["coordinator"], insurance, "X", "Y", "Z", utcnow() + timedelta(days=5))
    db.session.rollback()
    with pytest.raises(PurchaseRefused):  # registrations are closed
        quotes.register(c, insurance, org_c, {"employees": 1, "premises_m2": 10})
    db.session.rollback()
    assert len(_told("purchase_offer")) == 3


def test_members_accept_or_decline_individually_until_the_offer_expires(network, insurance):
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    row_a, row_b = _register(a, insurance, org_a), _register(b, insurance, org_b)
    with pytest.raises(PurchaseRefused):  # nothing to answer yet
        quotes.answer(a, row_a, True)
    _publish(network["coordinator"], insurance)
    quotes.answer(a, row_a, True)
    quotes.answer(b, row_b, False)
    db.session.commit()
    with pytest.raises(NotAllowed):
        quotes.answer(b, row_a, False)
    assert (row_a.answer, row_a.answered_by_id, row_b.answer) == ("accepted", a.id, "declined")
    db.session.execute(sa.update(InterestList).values(offer_valid_until=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    db.session.expire_all()
    with pytest.raises(PurchaseRefused) as refused:
        quotes.answer(b, db.session.get(Interest, row_b.id), True)
    assert "plus valable" in refused.value.reasons[0]
    assert quotes.phase(db.session.get(InterestList, insurance.id)) == "expired"


def test_after_the_registration_deadline_the_list_waits_for_the_offer(network):
    item = open_insurance(network["coordinator"])
    db.session.execute(sa.update(InterestList).values(closes_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    db.session.expire_all()
    item = db.session.get(InterestList, item.id)
    assert quotes.phase(item) == "negotiating"
    with pytest.raises(PurchaseRefused):
        quotes.register(network["people"][0], item, network["orgs"][0], {"employees": 1, "premises_m2": 1})


def test_the_offer_needs_its_words_and_a_validity_in_the_future(network, insurance):
    with pytest.raises(PurchaseRefused) as refused:
        quotes.publish_offer(network["coordinator"], insurance, " ", "", "x", utcnow() - timedelta(days=1))
    assert {name for name, _ in refused.value.by_field} == {"supplier", "text", "valid_on"}
    db.session.rollback()
    assert db.session.get(InterestList, insurance.id).status == "collecting"


def test_cancelling_tells_the_interested_members(network, insurance):
    a, org_a = network["people"][0], network["orgs"][0]
    _register(a, insurance, org_a)
    with pytest.raises(NotAllowed):
        quotes.cancel(a, insurance)
    quotes.cancel(network["coordinator"], insurance)
    db.session.commit()
    assert _told("purchase_quote_cancelled") == {a.id, network["colleague"].id}
    with pytest.raises(PurchaseRefused):
        quotes.cancel(network["coordinator"], insurance)


def test_an_organisation_opens_a_list_for_its_network_and_runs_it(network):
    a, org_a, b = network["people"][0], network["orgs"][0], network["people"][1]
    item = open_insurance(a, org_a)
    assert item.organizer_name == org_a.name
    with pytest.raises(NotAllowed):
        quotes.open_list(network["outsider"], None, {"title": "x", "closes_at": utcnow() + timedelta(days=1)})
    with pytest.raises(NotAllowed):
        quotes.cancel(b, item)
    quotes.cancel(network["colleague"], item)  # a colleague of the organising association runs it too
