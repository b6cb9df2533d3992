"""Fixtures of the ressourcerie tests: a request context, a browser per person, a mutual and three associations."""
import pytest

from tests.exchanges.conftest import Browser
from tests.factories import CUSSET, GANNAT, make_org, make_user


@pytest.fixture(autouse=True)
def _request_context(app, request):
    """Services speak French (Flask-Babel needs a request); tests call them directly too."""
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
    """A mutual that gives (Mathilde), three associations that reserve (Anne, Bruno, Chloé), an outsider (Omar)."""
    giver = make_user("mutuelle@example.org", "Mathilde Mutuelle")
    mutual = make_org(giver, name="Mutuelle des Sources")
    people = {"giver": giver, "mutual": mutual}
    for key, email, name, org, commune in (("a", "anne@example.org", "Anne Amap", "AMAP du Sichon", CUSSET),
                                           ("b", "bruno@example.org", "Bruno Braille", "Les Liseurs à Points", GANNAT),
                                           ("c", "chloe@example.org", "Chloé Cocagne", "Jardin de Cocagne", CUSSET)):
        user = make_user(email, name)
        people[key], people[key + "_org"] = user, make_org(user, name=org, commune=commune)
    people["outsider"] = make_user("omar@example.org", "Omar Dehors")
    return people
