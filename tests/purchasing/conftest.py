"""Fixtures of the purchasing tests: a request context, four associations and a coordinator, the paper group."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.purchasing import services
from market.types import utcnow
from tests.exchanges.conftest import Browser, add_member  # noqa: F401  (one browser per person, as there)
from tests.factories import CUSSET, GANNAT, VICHY, make_coordinator, make_org, make_user

PAPER_TIERS = [(1, 420), (100, 380), (500, 340)]


@pytest.fixture(autouse=True)
def _request_context(app, request):
    if "no_app_context" in request.keywords:
        yield
        return
    with app.test_request_context():
        yield


@pytest.fixture
def browser(app):
    return lambda user=None: Browser(app, user)


@pytest.fixture
def network():
    """A coordinator and four associations, each with its admin (and one with a second member)."""
    coordinator = make_coordinator()
    people, orgs = [], []
    for key, name, commune in (("cinema", "Ciné-Grillon", VICHY), ("centres", "Foyers du Sichon", CUSSET),
                               ("handisport", "Comité Handisport", GANNAT), ("amap", "AMAP La Cagette", VICHY)):
        user = make_user(f"{key}@example.org", f"Équipe {name}")
        people.append(user)
        orgs.append(make_org(user, name=name, commune=commune))
    colleague = make_user("collegue@example.org", "Paul Collègue")
    add_member(colleague, orgs[0])
    outsider = make_user("perso@example.org", "Odile Sans-Structure")
    return {"coordinator": coordinator, "people": people, "orgs": orgs, "colleague": colleague, "outsider": outsider}


def paper_values(**overrides) -> dict:
    values = {"title": "Papier A4 recyclé", "unit": "ramette de 500 feuilles", "description": "",
              "supplier_name": "Papeterie du Bourbonnais", "supplier_contact": "commandes@example.org",
              "fixed_costs_cents": 4000, "fixed_costs_label": "Livraison", "split_rule": "quantity",
              "min_total": 50, "max_quantity": None, "closes_at": utcnow() + timedelta(days=10),
              "delivery_plan": "Livraison au centre social de Cusset"}
    values.update(overrides)
    return values


def open_paper(actor, organization=None, tiers=PAPER_TIERS, **overrides):
    group = services.open_group(actor, organization, paper_values(**overrides), tiers)
    db.session.commit()
    return group


def commit(user, group, org, quantity):
    row = services.commit(user, group, org, quantity)
    db.session.commit()
    return row


@pytest.fixture
def paper(network):
    return open_paper(network["coordinator"])


def insurance_values(**overrides) -> dict:
    values = {"title": "Assurance multirisque des locaux", "description": "Locaux, matériel, responsabilité civile.",
              "asks_employees": True, "asks_vehicles": False, "asks_premises_m2": True,
              "closes_at": utcnow() + timedelta(days=10)}
    values.update(overrides)
    return values


def open_insurance(actor, organization=None, **overrides):
    from market.purchasing.quotes import services as quotes
    item = quotes.open_list(actor, organization, insurance_values(**overrides))
    db.session.commit()
    return item


@pytest.fixture
def insurance(network):
    return open_insurance(network["coordinator"])
