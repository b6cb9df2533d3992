"""Fixtures of the time-bank tests: a request context, a browser per person, the juriste and the theatre."""
import pytest

from market.extensions import db
from market.timebank import services
from market.timebank.accounts import account_of
from tests.exchanges.conftest import Browser, add_member
from tests.factories import CUSSET, VICHY, make_coordinator, make_org, make_user


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
def people():
    """The groupement d'employeurs' juriste, the theatre company's administrator, an outsider, a coordinator."""
    juriste = make_user("juriste@example.org", "Maître Léa Juriste")
    groupement = make_org(juriste, name="Groupement d'employeurs de l'Allier", commune=CUSSET)
    colleague = make_user("rh@example.org", "Paul Ressources")
    add_member(colleague, groupement)
    actor = make_user("theatre@example.org", "Inès Théâtre")
    theatre = make_org(actor, name="Compagnie du Petit Théâtre", commune=VICHY)
    outsider = make_user("autre@example.org", "Odile Autre")
    coordinator = make_coordinator()
    return {"juriste": juriste, "groupement": groupement, "colleague": colleague, "actor": actor,
            "theatre": theatre, "outsider": outsider, "coordinator": coordinator}


def offer(people, minutes=60, title="Relecture de vos statuts"):
    post = services.create_post(people["juriste"], people["groupement"], "offer", "legal", title,
                                "Une heure au téléphone pour relire statuts et contrats.", minutes)
    db.session.commit()
    return post


def agreed_exchange(people, post=None):
    post = post or offer(people)
    exchange = services.respond(people["actor"], post, people["theatre"], "Nos statuts datent de 1998.")
    services.act(people["juriste"], exchange, "accept")
    db.session.commit()
    return exchange


def balance(holder) -> int:
    account = account_of(holder)
    db.session.refresh(account)
    return account.balance
