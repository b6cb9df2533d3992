"""Permission matrix over the core routes: who sees and changes what.

Roles: anonymous, a member of the owning organisation, a member of another organisation,
a volunteer (no organisation) and a coordinator. 'login' means redirected to the login page.
"""
import pytest

from market.extensions import db
from tests.factories import login, make_coordinator, make_listing, make_org, make_user

ROLES = ("anonymous", "owner", "other_member", "volunteer", "coordinator")

# (method, path template, {role: expected}); expected is a status code or "login"
MATRIX = [
    ("GET", "/annonces/", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/annonces/{published}", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/annonces/{pending}", dict(anonymous=404, owner=200, other_member=404, volunteer=404, coordinator=200)),
    ("GET", "/annonces/{published}/correspondances", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/annonces/{pending}/correspondances", dict(anonymous=404, owner=404, other_member=404, volunteer=404, coordinator=404)),
    ("GET", "/annonces/nouvelle", dict(anonymous="login", owner=200, other_member=200, volunteer=200, coordinator=302)),
    ("GET", "/annonces/{published}/modifier", dict(anonymous="login", owner=200, other_member=403, volunteer=403, coordinator=403)),
    ("GET", "/annonces/{pending}/modifier", dict(anonymous="login", owner=200, other_member=404, volunteer=404, coordinator=403)),
    ("POST", "/annonces/{published}/modifier", dict(anonymous="login", owner=302, other_member=403, volunteer=403, coordinator=403)),
    ("POST", "/annonces/{published}/cloturer", dict(anonymous="login", owner=302, other_member=403, volunteer=403, coordinator=403)),
    ("POST", "/annonces/{draft}/soumettre", dict(anonymous="login", owner=302, other_member=404, volunteer=404, coordinator=403)),
    ("POST", "/annonces/{closed}/republier", dict(anonymous="login", owner=302, other_member=404, volunteer=404, coordinator=403)),
    ("GET", "/mon-espace", dict(anonymous="login", owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/structures/nouvelle", dict(anonymous="login", owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/structures/{org}/modifier", dict(anonymous="login", owner=200, other_member=403, volunteer=403, coordinator=403)),
    ("GET", "/structures/{org}/membres", dict(anonymous="login", owner=200, other_member=403, volunteer=403, coordinator=403)),
    ("POST", "/structures/{org}/membres", dict(anonymous="login", owner=302, other_member=403, volunteer=403, coordinator=403)),
    ("POST", "/membres/{second_membership}/role", dict(anonymous="login", owner=302, other_member=403, volunteer=403, coordinator=403)),
    ("POST", "/membres/{second_membership}/retirer", dict(anonymous="login", owner=302, other_member=403, volunteer=403, coordinator=403)),
    ("GET", "/annuaire/", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/annuaire/{org}", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
    ("GET", "/annuaire/{pending_org}", dict(anonymous=404, owner=404, other_member=404, volunteer=404, coordinator=200)),
    ("GET", "/benevole", dict(anonymous=200, owner=200, other_member=200, volunteer=200, coordinator=200)),
]


@pytest.fixture
def world():
    owner = make_user("owner@example.org", "Odile Owner")
    colleague = make_user("colleague@example.org", "Colin Colleague")
    other = make_user("other@example.org", "Otto Other")
    volunteer = make_user("vol@example.org", "Véra Volunteer", volunteer=True)
    coordinator = make_coordinator()
    org = make_org(owner, status="pending")
    pending = make_listing(owner, org, title="En attente")  # before the organisation is verified
    org.status = "verified"
    from market.accounts.services import add_member
    second = add_member(owner, org, colleague.email)
    pending_org = make_org(None, name="Jardin en attente", status="pending")
    make_org(other, name="Autre structure", status="verified")
    published = make_listing(owner, org, title="Sono publiée")
    draft = make_listing(owner, org, submit=False, title="Brouillon")
    closed = make_listing(owner, org, title="Clôturée")
    from market.listings.services import close_listing
    close_listing(owner, closed, "fulfilled")
    db.session.commit()
    ids = dict(published=published.id, pending=pending.id, draft=draft.id, closed=closed.id, org=org.slug,
               pending_org=pending_org.slug, second_membership=second.id)
    users = dict(owner=owner, other_member=other, volunteer=volunteer, coordinator=coordinator)
    return ids, users


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_permission_matrix(client, world, role, method, path, expected):
    ids, users = world
    if role != "anonymous":
        assert login(client, users[role]).status_code == 302
    url = path.format(**ids)
    data = {"reason": "fulfilled", "role": "member", "email": "x@example.org"} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    want = expected[role]
    if want == "login":
        assert response.status_code == 302 and "/connexion" in response.headers["Location"], (url, response.status_code)
    else:
        assert response.status_code == want, (role, url, response.status_code)
