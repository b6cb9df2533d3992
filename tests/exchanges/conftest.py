"""Fixtures of the exchange tests: a request context, a browser per person, rooms, equipment, Paris times."""
from datetime import date, datetime, time, timedelta

import pytest
from flask import g

from market.accounts.models import Membership
from market.exchanges.rules import PARIS
from market.extensions import db
from tests.factories import CUSSET, GANNAT, VICHY, login, make_listing, make_org, make_user


@pytest.fixture(autouse=True)
def _request_context(app, request):
    """Services speak French (Flask-Babel needs a request); tests call them directly too."""
    if "no_app_context" in request.keywords:
        yield
        return
    with app.test_request_context():
        yield


class Browser:
    """One person's test client. The tests share one app context (and `g`), so the logged-in
    user cached by Flask-Login in `g` is dropped around each request."""

    def __init__(self, app, user=None):
        self.client = app.test_client()
        self.user = user
        if user is not None:
            self._call(login, self.client, user)

    def _call(self, fn, *args, **kwargs):
        g.pop("_login_user", None)
        try:
            return fn(*args, **kwargs)
        finally:
            g.pop("_login_user", None)

    def get(self, *args, **kwargs):
        return self._call(self.client.get, *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._call(self.client.post, *args, **kwargs)

    def text(self, url) -> str:
        response = self.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)


@pytest.fixture
def browser(app):
    return lambda user=None: Browser(app, user)


def add_member(user, organization, role="member"):
    db.session.add(Membership(user=user, organization=organization, role=role))
    db.session.commit()


def next_weekday(weekday: int, at_least_days: int = 3) -> date:
    """The first such weekday (0 = Monday) at least `at_least_days` from today, Paris time."""
    day = datetime.now(PARIS).date() + timedelta(days=at_least_days)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def people():
    """A room owner (a social centre) with two members, a theatre company, an outsider, a coordinator."""
    from tests.factories import make_coordinator
    owner = make_user("centre@example.org", "Claire Centre-Social")
    colleague = make_user("collegue@example.org", "Paul Collègue")
    centre = make_org(owner, name="Centre social des Ailes", commune=CUSSET)
    add_member(colleague, centre)
    actor = make_user("theatre@example.org", "Inès Théâtre")
    theatre = make_org(actor, name="Compagnie du Petit Théâtre", commune=VICHY)
    outsider = make_user("autre@example.org", "Odile Autre")
    make_org(outsider, name="AMAP de Gannat", commune=GANNAT)
    coordinator = make_coordinator()
    return {"owner": owner, "colleague": colleague, "centre": centre, "actor": actor, "theatre": theatre,
            "outsider": outsider, "coordinator": coordinator}


def make_room(author, organization, **overrides):
    values = {"category": "premises", "title": "Salle polyvalente des Ailes", "terms": "free", "capacity": 60,
              "description": "Une grande salle avec scène, chaises et cuisine.", "tags": "salle; scène"}
    values.update(overrides)
    return make_listing(author, organization, **values)


def make_sound_system(author, organization, **overrides):
    values = {"category": "equipment", "title": "Sonorisation 2 × 300 W", "terms": "loan", "deposit_cents": 15000,
              "quantity": 1, "condition": "good"}
    values.update(overrides)
    return make_listing(author, organization, **values)
