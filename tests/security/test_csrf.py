"""CSRF: every state-changing route outside the API refuses a post without a token (400) and
changes nothing; routes are read from `app.url_map`, so routes added later are covered too."""
import re

import pytest

from tests.security import routes
from tests.security.helpers import call, sign_in, snapshot


def _state_changing(app):
    return sorted((rule.endpoint, rule) for rule in app.url_map.iter_rules()
                  if rule.methods & routes.STATE_CHANGING and not routes.is_api(rule))


def _session(client) -> dict:
    """What a forged post could change in the session: who is logged in, the language."""
    with client.session_transaction() as session:
        return {key: session.get(key) for key in ("_user_id", "lang")}


def test_the_api_writes_only_with_a_bearer_token(app):
    """The API is exempt from CSRF because a cookie never writes there: every writing API route needs a token
    (test_access checks that each answers 401 without one, even to a signed-in browser)."""
    writing = {r.endpoint for r in app.url_map.iter_rules() if routes.is_api(r) and r.methods & routes.STATE_CHANGING}
    assert writing and all(routes.ACCESS[e] == routes.BEARER for e in writing)


def test_only_documented_routes_are_exempt(app):
    from market.extensions import csrf
    exempt = {view for view in csrf._exempt_views}  # "module.function" names
    by_view = {f"{app.view_functions[r.endpoint].__module__}.{app.view_functions[r.endpoint].__name__}": r.endpoint
               for r in app.url_map.iter_rules() if r.methods & routes.STATE_CHANGING and not routes.is_api(r)}
    assert {by_view[v] for v in exempt if v in by_view} == set(routes.CSRF_EXEMPT)


def test_posts_without_token_are_refused_and_change_nothing(app, client, world, csrf_enabled):
    checked = []
    for endpoint, rule in _state_changing(app):
        if endpoint in routes.CSRF_EXEMPT:
            continue
        actor = world["coordinator"] if routes.ACCESS.get(endpoint) == routes.COORDINATOR else world["owner"]
        sign_in(client, actor)
        url = routes.build(app, rule, world)
        before, session = snapshot(), _session(client)
        for method in sorted(rule.methods & routes.STATE_CHANGING):
            response = call(client, method, url, routes.FORM)
            assert response.status_code == 400, (method, url, response.status_code)
            assert "<h1>" in response.get_data(as_text=True)  # a page, not a bare message
        assert snapshot() == before, f"{url} changed the database without a CSRF token"
        assert _session(client) == session, f"{url} changed who is logged in or the language"
        checked.append(endpoint)
    assert "listings.new" in checked and "moderation.approve_listing" in checked  # the list is not empty


def test_a_forged_or_foreign_token_is_refused(app, client, world, csrf_enabled):
    sign_in(client, world["owner"])
    listing = world["published"]
    for token in ("", "forged", "IjEyMyI.aaaa.bbbb"):
        response = call(client, "POST", f"/annonces/{listing.id}/cloturer", {"reason": "fulfilled", "csrf_token": token})
        assert response.status_code == 400
    assert client.get(f"/annonces/{listing.id}").status_code == 200  # still published
    from market.extensions import db
    db.session.refresh(listing)
    assert listing.status == "published"


def test_the_token_from_the_page_is_accepted(client, world, csrf_enabled):
    """The control: the forms of the site carry a token that works, so the 400s above are CSRF's."""
    sign_in(client, world["owner"])
    page = client.get(f"/annonces/{world['published'].id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post(f"/annonces/{world['published'].id}/cloturer",
                           data={"reason": "fulfilled", "csrf_token": token})
    assert response.status_code == 302
    from market.extensions import db
    db.session.refresh(world["published"])
    assert world["published"].status == "closed"


@pytest.mark.parametrize("path", ["/connexion", "/inscription", "/mot-de-passe-oublie", "/langue"])
def test_anonymous_forms_need_a_token_too(client, csrf_enabled, path):
    """Login CSRF (logging a victim into the attacker's account) and forced language switches."""
    response = call(client, "POST", path, {"email": "owner@example.org", "password": "x" * 12, "lang": "en"})
    assert response.status_code == 400
