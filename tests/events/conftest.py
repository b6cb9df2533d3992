"""Fixtures of the events tests: a request context (French sentences), a cycling race and its people."""
import pytest

from market.accounts.models import Membership
from market.accounts.services import save_volunteer_profile
from market.extensions import db
from tests.events.helpers import make_event
from tests.factories import VICHY, make_org, make_user

SAINT_YORRE = "03264"  # 7.4 km from Vichy


@pytest.fixture(autouse=True)
def _request_context(app, request):
    if "no_app_context" in request.keywords:
        yield
        return
    with app.test_request_context():
        yield


def volunteer(email, name, commune=VICHY, radius=20):
    user = make_user(email, name, volunteer=True)
    save_volunteer_profile(user, {"commune_code": commune, "radius_km": radius, "skills": "signalisation"})
    db.session.commit()
    return user


@pytest.fixture
def race():
    """The cycling club (Odile, admin; Paul, member) posts its race in Saint-Yorre: 20 signaleurs 8h–12h,
    6 at the buvette 11h–15h; Vera is a volunteer in Vichy; Max runs another association."""
    organiser = make_user("club@example.org", "Odile Vélo")
    club = make_org(organiser, name="Vélo Club de Saint-Yorre", commune=SAINT_YORRE)
    colleague = make_user("paul@example.org", "Paul Vélo")
    db.session.add(Membership(user=colleague, organization=club, role="member"))
    outsider = make_user("max@example.org", "Max Autre")
    make_org(outsider, name="AMAP de Gannat", commune="03118")
    event = make_event(organiser, club, commune=SAINT_YORRE)
    signaleur, buvette = event.shifts
    return {"organiser": organiser, "club": club, "colleague": colleague, "outsider": outsider, "event": event,
            "signaleur": signaleur, "buvette": buvette, "vera": volunteer("vera@example.org", "Véra Bénévole")}


class Browser:
    """One person's test client; the logged-in user cached in `g` is dropped around each request."""

    def __init__(self, app, user=None):
        from tests.factories import login
        self.client = app.test_client()
        if user is not None:
            self._call(login, self.client, user)

    def _call(self, fn, *args, **kwargs):
        from flask import g
        g.pop("_login_user", None)
        try:
            return fn(*args, **kwargs)
        finally:
            g.pop("_login_user", None)

    def get(self, *args, **kwargs):
        return self._call(self.client.get, *args, **kwargs)

    def post(self, *args, **kwargs):
        return self._call(self.client.post, *args, **kwargs)

    def text(self, url, **kwargs) -> str:
        response = self.get(url, **kwargs)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)


@pytest.fixture
def browser(app):
    return lambda user=None: Browser(app, user)
