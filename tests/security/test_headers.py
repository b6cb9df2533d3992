"""Security headers on every kind of answer, secure cookies and refusals in the production configuration,
and the request size limit. There are no file uploads (no form has a file field: the last test keeps it so)."""
import pathlib
import re

import pytest

from market import create_app
from market.config import DEV_SECRET, TestConfig
from market.extensions import db
from tests.factories import PASSWORD
from tests.security.helpers import call

STRICT_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def _csp(response) -> dict:
    header = response.headers.get("Content-Security-Policy", "")
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def _check_headers(response, where):
    csp = _csp(response)
    scripts = csp.get("script-src") or csp.get("default-src")
    assert scripts, where
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(scripts), (where, scripts)
    assert csp.get("frame-ancestors") in (["'none'"], ["'self'"]), where
    assert csp.get("object-src") == ["'none'"] and csp.get("base-uri") in (["'self'"], ["'none'"]), where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") in STRICT_REFERRERS, where
    assert response.headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"), where


@pytest.mark.parametrize("url", ["/", "/annonces/", "/connexion", "/annuaire/", "/api/v1/listings",
                                 "/api/v1/openapi.json", "/nulle-part", "/api/v1/nulle-part",
                                 "/static/css/app.css", "/static/js/app.js"])
def test_every_answer_carries_the_security_headers(client, url):
    response = call(client, "GET", url)
    _check_headers(response, url)


def test_refused_and_limited_answers_carry_them_too(client, world):
    _check_headers(call(client, "POST", "/annonces/nouvelle"), "login redirect")
    _check_headers(call(client, "GET", "/moderation/"), "moderation redirect")
    _check_headers(call(client, "DELETE", "/"), "405")


def test_a_body_beyond_the_limit_is_refused_with_a_page(client):
    response = call(client, "POST", "/connexion", {"email": "a@example.org", "password": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 413 and "<h1>" in response.get_data(as_text=True)


# Forms that take files, each checked by content and size through market/uploads (tests/ressourcerie/test_uploads.py).
UPLOAD_TEMPLATES = {"templates/ressourcerie/give.html"}
UPLOAD_CODE = {"market/ressourcerie/forms.py"}


def test_only_known_forms_accept_files():
    """When a new form gains a file field, this fails as a reminder to pass its files through market.uploads
    (type read from the bytes, size limit, re-encoding) before adding it here."""
    templates = pathlib.Path("templates")
    found = {str(p) for p in templates.rglob("*.html")
             if re.search(r"""type=["']?file|multipart/form-data""", p.read_text(encoding="utf-8"))}
    code = {str(p) for p in pathlib.Path("market").rglob("*.py")
            if re.search(r"FileField|request\.files", p.read_text(encoding="utf-8"))}
    assert found == UPLOAD_TEMPLATES and code == UPLOAD_CODE


def _production(database_url, tmp_path, **overrides):
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(ENV_NAME="production", TESTING=False, WTF_CSRF_ENABLED=True, SECRET_KEY="s" * 48,
                  SESSION_COOKIE_SECURE=False, REMEMBER_COOKIE_SECURE=False, SQLALCHEMY_DATABASE_URI=database_url,
                  MAIL_OUTBOX=str(tmp_path / "outbox"), SEARCH_INDEX_DIR=str(tmp_path / "index"),
                  LOGIN_RATE_LIMIT="1000 per minute")
    config.update(overrides)
    return create_app(config)


@pytest.mark.parametrize("secret", [DEV_SECRET, "", None, "short-secret", "s" * 23])
def test_production_refuses_to_start_without_a_real_secret(database_url, tmp_path, secret):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        _production(database_url, tmp_path, SECRET_KEY=secret)


HTTPS = {"base_url": "https://localhost"}


def _login(client):
    page = client.get("/connexion", **HTTPS).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return client.post("/connexion", data={"email": "owner@example.org", "password": PASSWORD,
                                            "remember": "y", "csrf_token": token},
                       headers={"Referer": "https://localhost/connexion"}, **HTTPS)  # checked over https


@pytest.mark.no_app_context
def test_production_cookies_are_secure_httponly_and_samesite(app, database_url, tmp_path):
    with app.app_context():
        from tests.factories import make_user
        make_user("owner@example.org", "Odile Owner")
    prod = _production(database_url, tmp_path)
    try:
        assert not prod.debug
        client = prod.test_client()
        response = _login(client)
        assert response.status_code == 302, response.status_code
        cookies = response.headers.getlist("Set-Cookie")
        names = {c.split("=", 1)[0] for c in cookies}
        assert {"session", "remember_token"} <= names, cookies
        for cookie in cookies:
            flags = {f.strip().lower() for f in cookie.split(";")[1:]}
            assert {"secure", "httponly", "samesite=lax"} <= flags, cookie
        assert "max-age=" in response.headers.get("Strict-Transport-Security", "")
        assert client.get("/mon-espace", **HTTPS).status_code == 200  # the secure cookie works over https
    finally:
        with prod.app_context():
            db.engine.dispose()
        with app.app_context():
            from tests.conftest import _delete_all_rows
            _delete_all_rows()


@pytest.mark.no_app_context
def test_production_errors_show_a_page_not_a_traceback(tmp_path):
    """The database is unreachable: the visitor gets the error page, with no internals in it."""
    prod = _production(f"sqlite:///{tmp_path}/missing/dir/market.sqlite", tmp_path)
    try:
        response = prod.test_client().get("/")
        body = response.get_data(as_text=True)
        assert response.status_code == 500 and "<h1>" in body
        assert not re.search(r"Traceback|sqlalchemy|OperationalError|File \"", body)
    finally:
        with prod.app_context():
            db.engine.dispose()
