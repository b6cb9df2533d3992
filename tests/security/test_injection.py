"""SQL-injection-shaped input in search boxes, filters and URLs gives results or a 4xx, never a 500,
on every page without path arguments (HTML and /api/v1), on SQLite and PostgreSQL."""
from urllib.parse import quote

import pytest

from tests.security import routes
from tests.security.helpers import call, sign_in

INPUTS = ["' OR 1=1 --", "'; DROP TABLE listings; --", "\" OR \"\"=\"", "%", "_", "\\", "%_\\'\"", "\x00", "a\x00b",
          "x" * 10_000, "é" * 3000, "\U0001f600\u202e\u0130\u01c5", "1e309", "-1", "0", "99999999999999999999999",
          "{\"$gt\": \"\"}", "1) UNION SELECT password_hash FROM users --"]
PARAMS = ["q", "commune", "organization", "kind", "category", "terms", "urgent", "sort", "page", "per_page",
          "sector", "legal_form", "status", "statut", "type", "sens", "structure", "period", "action", "actor",
          "target_type", "start", "end", "limit"]
ROLE_FOR = {routes.PUBLIC: None, routes.TOKEN: None, routes.LOGIN: "owner", routes.COORDINATOR: "coordinator",
            routes.BEARER: None}  # the API with a token: tests/api/test_schemathesis.py sends it hostile input


def _plain_get_routes(app):
    return sorted((r.endpoint, r.rule) for r in app.url_map.iter_rules()
                  if "GET" in r.methods and not r.arguments)


@pytest.mark.parametrize("text", INPUTS, ids=lambda t: repr(t[:12]))
def test_query_strings_never_give_a_500(app, client, world, text):
    failures = []
    for endpoint, rule in _plain_get_routes(app):
        role = ROLE_FOR[routes.ACCESS.get(endpoint, routes.PUBLIC)]
        if role:
            sign_in(client, world[role])
        every = "&".join(f"{name}={quote(text)}" for name in PARAMS)
        for query in [every] + [f"{name}={quote(text)}" for name in ("q", "commune", "page", "sort")]:
            response = call(client, "GET", f"{rule}?{query}")
            allowed = (200, 302, 400, 404) + ((401,) if routes.ACCESS.get(endpoint) == routes.BEARER else ())
            if response.status_code not in allowed:
                failures.append((rule, query[:50], response.status_code))
        call(client, "POST", "/deconnexion") if role else None
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("text", ["' OR 1=1 --", "%' --", "x\x00y", "\\", "../../etc/passwd", "é" * 300, "%00"],
                         ids=repr)
def test_path_segments_never_give_a_500(app, client, world, text):
    """Slugs and tokens in URLs (directory, API, moderation...) with hostile text: a 404, never a 500."""
    failures = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        converters = {name: type(conv).__name__ for name, conv in rule._converters.items()}
        strings = [name for name, kind in converters.items() if kind in ("UnicodeConverter", "PathConverter")]
        if not strings:
            continue
        values = {name: (text if name in strings else 1) for name in rule.arguments}
        role = ROLE_FOR[routes.ACCESS.get(rule.endpoint, routes.PUBLIC)]
        if role:
            sign_in(client, world[role])
        with app.test_request_context():
            url = app.url_map.bind("localhost").build(rule.endpoint, values)
        if "GET" in rule.methods:
            response = call(client, "GET", url)
            if response.status_code not in (302, 400, 404):
                failures.append((url, response.status_code))
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("number", [2**31, 2**63, 10**30])
def test_huge_ids_in_urls_are_404_not_500(app, client, world, number):
    """An id beyond the database's integer range (PostgreSQL: 32 bits) is a page that does not exist."""
    failures = []
    for rule in app.url_map.iter_rules():
        ints = [n for n, c in rule._converters.items() if type(c).__name__ == "IntegerConverter"]
        if not ints or "GET" not in rule.methods:
            continue
        role = ROLE_FOR[routes.ACCESS.get(rule.endpoint, routes.PUBLIC)]
        if role:
            sign_in(client, world[role])
        values = {name: (number if name in ints else world["org"].slug) for name in rule.arguments}
        with app.test_request_context():
            url = app.url_map.bind("localhost").build(rule.endpoint, values)
        response = call(client, "GET", url)
        if response.status_code not in (302, 403, 404):
            failures.append((url, response.status_code))
    assert not failures, "\n".join(map(str, failures))


def test_injection_shaped_words_find_nothing_rather_than_everything(client, world):
    """Parameters are bound, not spliced into SQL: the classic tautology matches no listing."""
    for text in ("' OR 1=1 --", "' OR '1'='1", "1) OR (1=1"):
        data = client.get(f"/api/v1/listings?q={quote(text)}").get_json()
        assert data["items"] == [], text
        page = client.get(f"/annonces/?q={quote(text)}").get_data(as_text=True)
        assert "Sono publiée" not in page, text
    assert client.get("/api/v1/listings").get_json()["items"]  # the control: there are public listings
