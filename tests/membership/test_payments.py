"""Fee schedules and payments: a structure is paid up when its payments reach its fee; a mistake is reversed."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.ledger.models import LedgerEntry
from market.ledger.queries import drift
from market.membership import queries, services
from market.membership.models import Adhesion, Payment
from tests.membership.conftest import FEES, pay, set_fees


def _view(organization, year):
    return queries.year_view(organization, year, queries.today())


def test_three_payments_make_three_structures_paid_up(network, this_year):
    c = network["coordinator"]
    set_fees(c, this_year)
    pay(c, network["cinema"], this_year, 3000, "none")
    pay(c, network["scop"], this_year, 10000, "small", method="transfer", reference="VIR SCOP")
    pay(c, network["interco"], this_year, 15000, "none", method="cash", reference="Reçu 4")
    for key in ("cinema", "scop", "interco"):
        view = _view(network[key], this_year)
        assert view.status == "paid_up" and view.owed == 0
    assert queries.paid_in(this_year) == {network["cinema"].id: 3000, network["scop"].id: 10000,
                                          network["interco"].id: 15000}
    assert drift("membership") == []  # each payment is a balanced ledger entry


def test_a_part_payment_leaves_the_rest_owed_and_the_year_pending(network, this_year):
    c, cinema = network["coordinator"], network["cinema"]
    set_fees(c, this_year)
    pay(c, cinema, this_year, 5000, "medium")
    view = _view(cinema, this_year)
    assert (view.due, view.paid, view.owed, view.status) == (12000, 5000, 7000, "pending")
    pay(c, cinema, this_year, 7000, "medium", method="cash", reference="")
    assert _view(cinema, this_year).status == "paid_up"


def test_a_cancelled_payment_is_reversed_with_who_and_why_and_the_year_is_no_longer_paid(network, this_year):
    c, cinema = network["coordinator"], network["cinema"]
    set_fees(c, this_year)
    payment = pay(c, cinema, this_year, 3000, "none")
    assert _view(cinema, this_year).paid_up
    correction = services.cancel_payment(c, payment, "Chèque sans provision")
    db.session.commit()
    assert correction.reverses_id == payment.entry_id and correction.created_by_id == c.id
    assert correction.reason == "Chèque sans provision"
    view = _view(cinema, this_year)
    assert view.paid == 0 and view.status == "pending" and view.adhesion.paid_up_at is None
    with pytest.raises(services.Refused):
        services.cancel_payment(c, payment, "Encore")
    db.session.rollback()
    lines = queries.payment_lines(Payment.organization_id == cinema.id)
    assert [(line.amount, line.cancelled_reason) for line in lines] == [(3000, "Chèque sans provision")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) == 2  # never edited
    assert drift("membership") == []


@pytest.mark.parametrize("cents, method, field", [(0, "cheque", "amount"), (-500, "cash", "amount"),
                                                  (3000, "carte bancaire", "method")])
def test_a_wrong_payment_is_refused_and_nothing_is_written(network, this_year, cents, method, field):
    c = network["coordinator"]
    set_fees(c, this_year)
    with pytest.raises(services.Refused) as refused:
        services.record_payment(c, network["cinema"], this_year, cents, method, queries.today(), "", size="none")
    db.session.rollback()
    assert refused.value.field == field
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Payment)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry)) == 0


def test_only_the_coordination_records_payments_and_sets_fees(network, this_year):
    with pytest.raises(services.NotAllowed):
        services.record_payment(network["alice"], network["cinema"], this_year, 3000, "cash", queries.today())
    with pytest.raises(services.NotAllowed):
        services.set_fees(network["alice"], this_year, FEES)


def test_a_new_schedule_rechecks_the_year(network, this_year):
    c, cinema = network["coordinator"], network["cinema"]
    set_fees(c, this_year)
    pay(c, cinema, this_year, 2000, "none")
    assert _view(cinema, this_year).status == "pending"
    set_fees(c, this_year, {**FEES, ("association", "none"): 2000})  # the coordination lowers the fee
    assert _view(cinema, this_year).status == "paid_up"
    set_fees(c, this_year, {("association", "none"): None})  # a cell emptied: no fee known any more
    assert _view(cinema, this_year).due is None


def test_a_structure_declares_its_size_and_keeps_it_for_next_year(network, this_year):
    c, alice, cinema = network["coordinator"], network["alice"], network["cinema"]
    set_fees(c, this_year)
    services.declare_size(alice, cinema, this_year, "small")
    db.session.commit()
    assert _view(cinema, this_year).due == 6000
    with pytest.raises(services.NotAllowed):  # a plain member reads, the administrators declare
        services.declare_size(network["colleague"], cinema, this_year, "none")
    pay(c, cinema, this_year, 6000, "small")
    with pytest.raises(services.Refused):  # once paid, the coordination changes it
        services.declare_size(alice, cinema, this_year, "none")
    db.session.rollback()
    set_fees(c, this_year + 1)
    assert _view(cinema, this_year + 1).size == "small" and _view(cinema, this_year + 1).due == 6000


def test_each_year_keeps_the_charter_signed(network, this_year):
    from market.accounts.models import CHARTER_VERSION
    c, alice, cinema = network["coordinator"], network["alice"], network["cinema"]
    assert cinema.charter_version == CHARTER_VERSION and cinema.charter_accepted_at is not None  # at sign-up
    set_fees(c, this_year)
    pay(c, cinema, this_year, 3000, "none")
    adhesion = db.session.scalar(sa.select(Adhesion))
    assert (adhesion.charter_version, adhesion.charter_accepted_at) == (CHARTER_VERSION, cinema.charter_accepted_at)
    cinema.charter_version = "0"  # an older version, signed long ago
    db.session.commit()
    services.sign_charter(alice, cinema, this_year + 1)
    db.session.commit()
    later = queries.adhesion(cinema.id, this_year + 1)
    assert later.charter_version == CHARTER_VERSION == cinema.charter_version
    assert later.charter_accepted_at >= adhesion.charter_accepted_at - timedelta(seconds=1)
