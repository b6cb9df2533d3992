"""Fixtures of the matching tests: a request context (reasons are translated), small scenarios."""
import pytest

from market.accounts.services import save_volunteer_profile
from market.extensions import db
from tests.factories import make_listing, make_org, make_user


@pytest.fixture(autouse=True)
def _request_context(app, request):
    if "no_app_context" in request.keywords:
        yield
        return
    with app.test_request_context():
        yield


def make_volunteer(email, commune, radius_km=20, skills="accueil; buvette"):
    user = make_user(email, f"Bénévole {email.split('@')[0]}", volunteer=True)
    save_volunteer_profile(user, {"commune_code": commune, "radius_km": radius_km, "skills": skills})
    db.session.commit()
    return user


def org_with_admin(key, name, commune, **values):
    admin = make_user(f"{key}@example.org", f"Équipe {name}")
    return admin, make_org(admin, name=name, commune=commune, **values)


__all__ = ["make_listing", "make_volunteer", "org_with_admin"]
