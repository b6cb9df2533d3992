"""Fixtures of the moderation tests: a coordinator, an unverified organisation and its pending listing."""
import pytest

from market.extensions import db
from tests.factories import login, make_coordinator, make_listing, make_org, make_user


@pytest.fixture
def coordinator():
    return make_coordinator()


@pytest.fixture
def member():
    """Alice, admin of a verified cinema association."""
    return make_user("alice@example.org", "Alice Martin")


@pytest.fixture
def verified_org(member):
    return make_org(member, name="Cinéma du Bourbonnais", status="verified")


@pytest.fixture
def newcomer():
    """Bruno, who has just registered his association: not verified yet."""
    return make_user("bruno@example.org", "Bruno Petit")


@pytest.fixture
def pending_org(newcomer):
    org = make_org(newcomer, name="Jardin de Cocagne de Cusset", status="pending", commune="03095")
    colleague = make_user("chloe@example.org", "Chloé Durand")
    from market.accounts.models import Membership
    db.session.add(Membership(user=colleague, organization=org, role="member"))
    db.session.commit()
    return org


@pytest.fixture
def pending_listing(newcomer, pending_org):
    return make_listing(newcomer, pending_org, title="Broyeur de végétaux à prêter",
                        description="Un broyeur thermique, prêté avec sa notice.")


@pytest.fixture
def published_listing(member, verified_org):
    return make_listing(member, verified_org, title="Vidéoprojecteur pour vos soirées",
                        description="Vidéoprojecteur et écran, prêtés le week-end.")


@pytest.fixture
def readers():
    """Three members of the network who read listings (and may report them)."""
    return [make_user(f"lecteur{n}@example.org", f"Lecteur {n}") for n in range(1, 5)]


@pytest.fixture
def as_user(client):
    """Log the test client in as a user (logging out first)."""
    def _as(user):
        client.post("/deconnexion")
        response = login(client, user)
        assert response.status_code == 302, "login should succeed"
        return client
    return _as
