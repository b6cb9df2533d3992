"""Two app servers (two gunicorn processes) on one PostgreSQL and one Redis behave as one site.

Slow (two servers to start, ~10 s), so one module and few tests. PostgreSQL and redis-server are
required in CI (tests/fixtures_servers.py fails there instead of skipping).
"""
import http.cookiejar
import json
import os
import re
import secrets
import time
import urllib.parse
import urllib.request
import uuid

import pytest
import redis
import sqlalchemy as sa

from bench.load.server import Gunicorn
from market import create_app
from market.config import TestConfig
from market.extensions import db
from tests.factories import CUSSET, VICHY, make_listing, make_org, make_user
from tests.fixtures_race import drop_database
from tests.fixtures_servers import free_port

pytestmark = [pytest.mark.no_app_context, pytest.mark.servers]

# The search backends both servers are tested on, each with servers of its own. Hook for
# MARKET_SEARCH_BACKEND=postgres (issue 15): add "postgres" here once it exists; the servers then
# share the database alone (the whoosh folder below is only made for "whoosh").
SEARCH_BACKENDS = ["whoosh", "postgres"]
LOGIN_LIMIT = 3


class Site:
    """The two servers and what the tests need to reach them: tokens, seeded listings, the Redis."""

    def __init__(self, ports, tokens, listings, redis_client):
        self.ports, self.tokens, self.listings, self.redis = ports, tokens, listings, redis_client
        self.cookies = http.cookiejar.CookieJar()  # one visitor: cookies go to both servers (one host)

    def request(self, server: int, method: str, path: str, body=None, token=None, form=None):
        """(status, text) of a request to server 0 or 1; 4xx and 5xx are answers, not exceptions."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _Answers())
        req = urllib.request.Request(f"http://127.0.0.1:{self.ports[server]}{path}", data, headers, method=method)
        with opener.open(req, timeout=10) as response:
            return response.status, response.read().decode("utf-8")

    def json(self, server: int, method: str, path: str, body=None, token=None):
        status, text = self.request(server, method, path, body, token)
        return status, json.loads(text)

    def matches(self, server: int, listing_id: int) -> list[int]:
        status, found = self.json(server, "GET", f"/api/v1/listings/{listing_id}/matches")
        assert status == 200
        return [item["listing"]["id"] for item in found["items"]]


class _Answers(urllib.request.HTTPErrorProcessor):
    def http_response(self, request, response):
        return response


def _seed(url: str, index_dir: str, tmp) -> tuple[dict, dict]:
    """Two organisations, a need and the offer that answers it, a token each; the index built."""
    settings = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    app = create_app({**settings, "SQLALCHEMY_DATABASE_URI": url, "SEARCH_STORAGE": "file",
                      "SEARCH_INDEX_DIR": index_dir, "SEARCH_REBUILD_MODE": "sync",
                      "MAIL_OUTBOX": str(tmp / "outbox"), "UPLOADS_DIR": str(tmp / "uploads")})
    from flask_migrate import upgrade
    from market.tokens.services import create_token
    with app.app_context():
        upgrade()
        amap_admin, ge_admin = make_user("amap@example.org", "Équipe AMAP"), make_user("ge@example.org", "Équipe GE")
        amap = make_org(amap_admin, name="AMAP du Sichon", commune=CUSSET)
        ge = make_org(ge_admin, name="Groupement Mutualis", commune=VICHY)
        need = make_listing(amap_admin, amap, kind="need", title="Tables pliantes pour la fête", terms="loan",
                            tags="tables", commune_code=CUSSET)
        offer = make_listing(ge_admin, ge, kind="offer", title="Vingt tables pliantes", terms="loan", tags="tables")
        tokens = {"amap": create_token(amap_admin, "site", ["read", "write"])[1],
                  "ge": create_token(ge_admin, "site", ["read", "write"])[1]}
        db.session.commit()
        listings = {"need": need.id, "offer": offer.id}
        app.extensions["search"].rebuild()
        db.session.remove()
        db.engine.dispose()
    return tokens, listings


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def site(request, postgres_url, redis_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"two-servers-{request.param}")
    name = f"market_servers_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    redis_client = redis.Redis.from_url(redis_url)
    redis_client.flushdb()  # the Redis of this test session: no count left from another backend
    servers = []
    try:
        tokens, listings = _seed(url, str(tmp / "index"), tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MARKET_") and k != "DATABASE_URL"}
        env.update(DATABASE_URL=url, MARKET_REDIS_URL=redis_url, MARKET_SECRET_KEY=secrets.token_hex(32),
                   MARKET_SEARCH_BACKEND=request.param, MARKET_LOGIN_RATE_LIMIT=f"{LOGIN_LIMIT} per minute",
                   MARKET_UPLOADS_DIR=str(tmp / "uploads"), MARKET_MAIL_OUTBOX=str(tmp / "outbox"))
        if request.param == "whoosh":
            env["MARKET_SEARCH_INDEX_DIR"] = str(tmp / "index")  # one folder for both, for now
        for n in range(2):  # one worker each: what a server caches in its memory, it would reuse
            servers.append(Gunicorn(env, 1, free_port(), str(tmp / f"gunicorn-{n}.log"), wait=False))
        for server in servers:  # booting side by side
            server.wait_ready()
        yield Site([s.port for s in servers], tokens, listings, redis_client)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait_stopped()
        redis_client.close()
        drop_database(admin, name)  # not WITH (FORCE): see tests/fixtures_race.py
        admin.dispose()


def test_a_listing_posted_on_one_server_is_found_on_the_other_within_a_second(site):
    status, before = site.request(1, "GET", "/annonces/?q=theorbe")  # counted (and cached) before the post
    assert status == 200
    status, posted = site.json(0, "POST", "/api/v1/listings", token=site.tokens["ge"], body={
        "kind": "offer", "category": "equipment", "title": "Théorbe baroque à prêter",
        "description": "Un théorbe pour le concert de printemps.", "commune": "Vichy", "terms": "loan"})
    answered = time.monotonic()
    assert status == 201 and posted["status"] == "published"
    link = f'href="/annonces/{posted["id"]}"'
    while True:
        status, page = site.request(1, "GET", "/annonces/?q=theorbe")  # typed without its accent
        assert status == 200
        if link in page:
            break
        assert time.monotonic() - answered < 1.0, "not found on the other server within a second"
        time.sleep(0.05)


def test_a_login_limit_reached_on_one_server_holds_on_the_other(site):
    for _ in range(LOGIN_LIMIT):
        _, form = site.request(0, "GET", "/connexion")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
        status, page = site.request(0, "POST", "/connexion", form={
            "csrf_token": token, "email": "amap@example.org", "password": "pas le bon"})
        assert status == 200 and "Trop de tentatives" not in page  # refused, the form again
    status, page = site.request(1, "POST", "/connexion", form={
        "csrf_token": token, "email": "amap@example.org", "password": "pas le bon"})
    assert status == 429 and "Trop de tentatives" in page
    assert site.redis.keys("LIMITS:LIMITER/*")  # counted in the Redis (MARKET_REDIS_URL alone)


def test_a_ranking_cached_by_one_server_is_invalidated_by_a_write_on_the_other(site):
    need, offer = site.listings["need"], site.listings["offer"]
    assert site.matches(0, need) == [offer]
    assert site.redis.keys("market:matching:equipment:*")  # the ranking is in Redis, not in a worker
    assert site.matches(1, need) == [offer]  # the other server reads it
    status, answer = site.json(1, "PATCH", f"/api/v1/listings/{offer}", token=site.tokens["ge"], body={
        "title": "Piano droit à donner", "tags": ["piano"], "description": "Un piano droit, à venir chercher."})
    assert status == 200, answer
    assert site.matches(0, need) == []  # no longer a table: no longer suggested, on either server
    assert site.matches(1, need) == []
