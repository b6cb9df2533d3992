"""Bearer tokens on /api/*: the token's user acts for this request only; the session cookie is never read."""
from flask import g, request
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from flask_limiter.util import get_remote_address

from market.errors import json_error
from market.extensions import db
from market.tokens import queries, rules, services
from market.types import utcnow

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
ANONYMOUS = AnonymousUserMixin()


def is_api_path() -> bool:
    return request.path.startswith("/api/")


def bearer_secret() -> str | None:
    """The token of `Authorization: Bearer <token>`, "" for another or a malformed scheme, None when absent."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _space, value = header.strip().partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else ""


def api_user():
    """Who makes this API request: the token's user, or an anonymous visitor (never the session's user)."""
    return g.get("api_user", ANONYMOUS)


def api_token():
    return g.get("api_token")


def require_user():
    """The token's user, for reads that only make sense with one (their saved searches): else a 401."""
    from market.api.bodies import BodyRefused
    user = api_user()
    if not user.is_authenticated:
        raise BodyRefused(401, "unauthorized", _("Authentification requise : envoyez un jeton d'accès "
                                                 "(en-tête Authorization: Bearer …)."))
    return user


def rate_limit_key() -> str:
    secret = bearer_secret()
    if secret and rules.looks_like_token(secret):
        return "api-token:" + rules.digest(secret)[:32]
    return "api-ip:" + (get_remote_address() or "")


def unauthorized(code: str, message: str):
    response, status = json_error(401, message, code=code)
    response.headers["WWW-Authenticate"] = ('Bearer realm="api"' if code == "unauthorized"
                                            else 'Bearer realm="api", error="invalid_token"')
    return response, status


CODES = {"revoked": "token_revoked", "expired": "token_expired", "user_suspended": "account_suspended",
         "organization_suspended": "organization_suspended"}
REFUSALS = {
    "revoked": lambda: _("Ce jeton a été révoqué."),
    "expired": lambda: _("Ce jeton a expiré."),
    "user_suspended": lambda: _("Le compte de ce jeton est suspendu."),
    "organization_suspended": lambda: _("La structure de ce jeton est suspendue."),
}


def load_bearer():
    """Before every /api/ request: load the token's user into Flask-Login's slot, or refuse with a 401/403."""
    if not is_api_path():
        return None
    g.api_user, g.api_token = ANONYMOUS, None
    g._login_user = ANONYMOUS  # current_user in any /api/ view: never the session cookie's person
    secret = bearer_secret()
    if secret is None:
        if request.method not in SAFE_METHODS and request.routing_exception is None:  # 404/405 first
            # a write needs a token: a cookie alone never writes through the API (so no CSRF is possible)
            return unauthorized("unauthorized", _("Authentification requise : envoyez un jeton d'accès "
                                                   "(en-tête Authorization: Bearer …)."))
        return None
    token = queries.by_secret(secret) if secret else None
    if token is None:
        return unauthorized("invalid_token", _("Jeton d'accès inconnu ou mal formé."))
    refusal = rules.refusal(token, utcnow())
    if refusal is not None:
        return unauthorized(CODES[refusal], REFUSALS[refusal]())
    if not rules.allows(token.scope_list, request.method):
        return json_error(403, _("Ce jeton ne permet que la lecture : créez un jeton avec le droit d'écriture."),
                          code="insufficient_scope")
    services.note_use(token)
    db.session.commit()  # the last use is kept even if the request is then refused
    g.api_user, g.api_token, g._login_user = token.user, token, token.user
    return None


def init_app(app):
    app.before_request(load_bearer)

    @app.after_request
    def _no_cookie_for_the_api(response):
        if is_api_path():
            response.vary.add("Authorization")
        return response

