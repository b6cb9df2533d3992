"""Who may use each route: every rule of `app.url_map` is classified, and anonymous visitors, plain
members and coordinators get what the classification promises (a new route without a decision fails)."""
import pytest

from tests.security import routes
from tests.security.helpers import call, sign_in


def test_every_route_has_an_access_decision(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    unclassified = sorted(endpoints - routes.ACCESS.keys())
    assert not unclassified, f"routes without an access decision in tests/security/routes.py: {unclassified}"
    stale = sorted(routes.ACCESS.keys() - endpoints)
    assert not stale, f"ACCESS lists routes that no longer exist: {stale}"


def _cases(kind_filter):
    """Endpoints of the given kinds: parametrised from ACCESS (the first test ties it to url_map)."""
    return sorted((e, k) for e, k in routes.ACCESS.items() if k in kind_filter)


def _rule(app, endpoint):
    found = [r for r in app.url_map.iter_rules() if r.endpoint == endpoint]
    if not found:
        pytest.skip(f"{endpoint} is gone (reported by test_every_route_has_an_access_decision)")
    return found[0]


def _is_login_redirect(response) -> bool:
    """Flask-Login's answer to an anonymous visitor: the login page, with `next` to come back."""
    location = response.headers.get("Location", "")
    return response.status_code == 302 and "/connexion" in location and "next=" in location


def _requests(app, endpoint, world):
    rule = _rule(app, endpoint)
    url = routes.build(app, rule, world)
    return [(method, url) for method in routes.methods(rule)]


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.LOGIN, routes.COORDINATOR})])
def test_anonymous_is_sent_to_the_login_page(app, client, world, endpoint):
    for method, url in _requests(app, endpoint, world):
        response = call(client, method, url, routes.FORM if method != "GET" else None)
        assert _is_login_redirect(response), (method, url, response.status_code)


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.PUBLIC, routes.TOKEN})])
def test_anonymous_may_use_public_routes(app, client, world, endpoint):
    for method, url in _requests(app, endpoint, world):
        response = call(client, method, url, routes.FORM if method != "GET" else None)
        assert response.status_code < 500 and response.status_code not in (401, 403), (method, url, response.status_code)
        assert not _is_login_redirect(response), (method, url)
        if method == "GET" and routes.ACCESS[endpoint] == routes.PUBLIC and endpoint != "static":
            assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.COORDINATOR})])
def test_a_plain_member_is_refused_coordinator_routes(app, client, world, endpoint):
    sign_in(client, world["member"])
    for method, url in _requests(app, endpoint, world):
        response = call(client, method, url, routes.FORM if method != "GET" else None)
        assert response.status_code == 403, (method, url, response.status_code)
        assert "Accès refusé" in response.get_data(as_text=True) or "403" in response.get_data(as_text=True)


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.COORDINATOR})])
def test_the_coordinator_opens_coordinator_pages(app, client, world, endpoint):
    sign_in(client, world["coordinator"])
    for method, url in _requests(app, endpoint, world):
        if method != "GET":
            continue
        response = call(client, "GET", url)
        assert response.status_code in (200, 404), (url, response.status_code)  # 404: an id nobody has


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.LOGIN, routes.PUBLIC, routes.TOKEN})])
def test_a_plain_member_is_never_sent_to_login_and_never_gets_a_500(app, client, world, endpoint):
    sign_in(client, world["member"])
    for method, url in _requests(app, endpoint, world):
        response = call(client, method, url, routes.FORM if method != "GET" else None)
        assert response.status_code < 500, (method, url, response.status_code)
        assert not _is_login_redirect(response), (method, url)
        if endpoint not in ("auth.logout", "auth.logout_everywhere"):
            sign_in(client, world["member"])  # some posts (logout) end the session


@pytest.mark.parametrize("endpoint", [e for e, _ in _cases({routes.BEARER})])
def test_bearer_routes_answer_401_without_a_token_even_to_a_signed_in_browser(app, client, world, endpoint):
    """The API never reads the session cookie: without `Authorization: Bearer`, a JSON 401 and nothing changed."""
    from tests.security.helpers import snapshot
    before = snapshot()
    for signed_in in (False, True):
        if signed_in:
            sign_in(client, world["owner"])
        for method, url in _requests(app, endpoint, world):
            response = call(client, method, url, None)
            assert response.status_code == 401, (method, url, response.status_code)
            assert response.mimetype == "application/json" and "Bearer" in response.headers["WWW-Authenticate"]
    assert snapshot() == before
