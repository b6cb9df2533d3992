"""Fixtures of the membership tests: a request context, a browser per person, a small network and its schedule."""
import pytest

from market.extensions import db
from market.membership import queries, services
from tests.exchanges.conftest import Browser, add_member
from tests.factories import CUSSET, GANNAT, VICHY, make_coordinator, make_org, make_user

# a year's schedule for the tests, in cents: (type, size) -> amount
FEES = {("association", "none"): 3000, ("association", "small"): 6000, ("association", "medium"): 12000,
        ("cooperative", "small"): 10000, ("public_body", "none"): 15000}


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
def this_year():
    return queries.today().year


@pytest.fixture
def network():
    """Three structures in three communes with their admins, a plain member, an outsider, a coordinator."""
    alice = make_user("alice@example.org", "Alice Cinéma")
    cinema = make_org(alice, name="Ciné-Grillon", commune=VICHY, sectors="culture; cinéma")
    bob = make_user("bob@example.org", "Bob Scop")
    scop = make_org(bob, name="SCOP Les Ateliers", commune=CUSSET, legal_form="cooperative", sectors="culture")
    carla = make_user("carla@example.org", "Carla Interco")
    interco = make_org(carla, name="Communauté de communes", commune=GANNAT, legal_form="public_body",
                       sectors="collectivité")
    colleague = make_user("paul@example.org", "Paul Bénévole du cinéma")
    add_member(colleague, cinema)
    return {"alice": alice, "cinema": cinema, "bob": bob, "scop": scop, "carla": carla, "interco": interco,
            "colleague": colleague, "outsider": make_user("odile@example.org", "Odile Autre"),
            "coordinator": make_coordinator()}


def set_fees(coordinator, year, fees=None):
    services.set_fees(coordinator, year, dict(fees or FEES))
    db.session.commit()


def pay(coordinator, organization, year, cents, size, method="cheque", paid_on=None, reference="Chèque n° 1"):
    payment = services.record_payment(coordinator, organization, year, cents, method,
                                      paid_on or queries.today(), reference, size=size)
    db.session.commit()
    return payment
