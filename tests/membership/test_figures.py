"""The observatory's membership figures equal the count or sum of their source records: the structures paid up
for the year (by month they became so, commune, type, sector) and the fees received (coordination only)."""
from datetime import date

from market import figures
from market.extensions import db
from market.membership import services
from market.observatory import queries
from market.observatory.rules import Period
from tests.factories import CUSSET, GANNAT, VICHY
from tests.membership.conftest import pay, set_fees

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def totals(key, period=YEAR):
    return queries.figure_report(figures.get(key), period).totals


def months(t):
    return {m: v for m, v in t.by_month if v}


def _payments(network):
    c = network["coordinator"]
    set_fees(c, 2026)
    set_fees(c, 2027)
    pay(c, network["cinema"], 2026, 3000, "none", paid_on=date(2026, 2, 3))
    pay(c, network["scop"], 2026, 4000, "small", method="transfer", paid_on=date(2026, 4, 9))
    pay(c, network["scop"], 2026, 6000, "small", method="cash", paid_on=date(2026, 5, 2))  # paid up in May
    pay(c, network["interco"], 2026, 5000, "none", method="cash", paid_on=date(2026, 6, 1))  # 150 € due: not paid up
    wrong = pay(c, network["interco"], 2026, 10000, "none", method="cash", paid_on=date(2026, 6, 2))  # paid up...
    services.cancel_payment(c, wrong, "Saisi deux fois")  # ...until this cheque is cancelled
    pay(c, network["cinema"], 2027, 3000, "none", paid_on=date(2026, 12, 4))  # next year's, paid in December
    db.session.commit()


def test_structures_paid_up_by_month_commune_type_and_sector(network):
    _payments(network)
    t = totals("membership.paid_up")
    assert t.total == 2  # cinema and the SCOP; the intercommunalité has paid 50 of 150 €
    assert months(t) == {"2026-02": 1, "2026-05": 1}
    assert dict(t.by_commune) == {VICHY: 1, CUSSET: 1}
    assert dict(t.by_category) == {"Association": 1, "Coopérative (SCOP, SCIC…)": 1}
    sectors = totals("membership.paid_up_sectors")
    assert dict(sectors.by_category) == {"culture": 2, "cinéma": 1}


def test_the_count_is_the_one_of_the_period_s_last_day(network):
    _payments(network)
    assert totals("membership.paid_up", Period(date(2026, 1, 1), date(2026, 3, 31))).total == 1  # the SCOP paid in May
    next_year = totals("membership.paid_up", Period(date(2027, 1, 1), date(2027, 1, 31)))
    assert next_year.total == 1 and months(next_year) == {}  # paid in December 2026, before this period


def test_fees_received_add_up_the_payments_less_the_cancelled_one(network):
    _payments(network)
    fees = totals("membership.fees")
    assert fees.total == 3000 + 4000 + 6000 + 5000 + 3000
    assert months(fees) == {"2026-02": 3000, "2026-04": 4000, "2026-05": 6000, "2026-06": 5000, "2026-12": 3000}
    assert dict(fees.by_commune) == {VICHY: 6000, CUSSET: 10000, GANNAT: 5000}
    assert dict(fees.by_category) == {"Chèque": 6000, "Virement": 4000, "Espèces": 11000}


def test_fees_are_for_the_coordination_and_the_paid_up_count_for_everyone(network, client, browser):
    _payments(network)
    public = client.get("/observatoire?first=2026-01-01&last=2026-12-31").get_data(as_text=True)
    assert "Adhésions au réseau" in public and "Structures à jour de leur cotisation" in public
    assert "Cotisations reçues" not in public
    dashboard = browser(network["coordinator"]).text("/coordination/observatoire?first=2026-01-01&last=2026-12-31")
    assert "Cotisations reçues" in dashboard
    csv = client.get("/observatoire.csv?first=2026-01-01&last=2026-12-31").get_data(as_text=True)
    assert "Adhésions au réseau;Structures à jour de leur cotisation;count;total;;2" in csv
