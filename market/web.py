"""What every page shares: template globals, security headers, one commit per request."""
from flask import abort, current_app, g, has_request_context, request, session
from flask_babel import format_decimal

from market import fragments, statements
from market.blocks import blocks_for
from market.extensions import db
from market.i18n import (current_locale, format_date, format_money, format_when, install_template_gettext,
                         page_translations)
from market.labels import label
from market.listings.cards import listing_card, listing_cards

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER
MAX_PAGE = 10_000  # keeps OFFSET inside every database's integers


URLS_KEPT = 20_000


def _kept_url_for(url_for):
    """Templates' url_for, each address built once per process (werkzeug's build is ~20 µs, pages call it
    dozens of times), keyed by everything it depends on: the values with their types (1 is not True), the
    script root, the blueprint of a relative endpoint, the host and scheme of an external address."""
    kept = {}

    def kept_url_for(endpoint, **values):
        if not has_request_context():
            return url_for(endpoint, **values)
        key = [endpoint, request.script_root]
        if endpoint[:1] == ".":
            key.append(request.blueprint)
        if "_external" in values or "_scheme" in values:
            key += (request.host, request.scheme)
        for name, value in values.items():
            key += (name, value.__class__, value)
        try:
            key = tuple(key)
            found = kept.get(key)
        except TypeError:  # a list of values: not hashable, built each time
            return url_for(endpoint, **values)
        if found is None:
            if len(kept) >= URLS_KEPT:
                kept.clear()
            found = kept[key] = url_for(endpoint, **values)
        return found

    return kept_url_for


def _signed_in() -> bool:
    """Whether this request was served to a signed-in person (the user loaded, or logged out by it)."""
    user = g.get("_login_user")
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return (bool(getattr(user, "is_authenticated", False)) or "_user_id" in session
            or request.cookies.get(remember) is not None)


def register(app):
    install_template_gettext(app)
    fragments.init_app(app)
    statements.init_app(app)
    if not app.url_default_functions:  # nothing adds values to addresses: they depend only on what is given
        app.jinja_env.globals["url_for"] = _kept_url_for(app.url_for)
    app.jinja_env.globals.update(label=label, format_money=format_money, format_date=format_date,
                                 format_decimal=format_decimal,
                                 format_when=format_when, listing_card=listing_card, listing_cards=listing_cards,
                                 blocks_for=blocks_for)

    @app.context_processor
    def _locale():
        return {"current_locale": current_locale(), **page_translations()}

    @app.before_request
    def _refuse_what_the_database_cannot_hold():
        """NUL bytes in addresses, ids and page numbers beyond the database's integers: a 4xx here, not a 500 there."""
        if any(isinstance(v, int) and v > MAX_ID or isinstance(v, str) and "\x00" in v
               for v in (request.view_args or {}).values()):
            abort(404)
        if request.path.startswith("/api/"):
            return  # the API names the faulty parameter in its own 400s
        # NUL in a form's values is the form's business (market/forms.py strips it and says so, keeping
        # what was typed); in a query string or a field name nothing legitimate carries it
        if any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)) or \
                any("\x00" in k for k in request.form):
            abort(400)
        if request.args.get("page", type=int, default=1) > MAX_PAGE:
            abort(404)

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.endpoint and request.endpoint.startswith("api."):
            response.headers.setdefault("Cache-Control", "no-store")
        elif request.endpoint != "static" and _signed_in():
            # a page of a signed-in person is never kept by the browser or a proxy (back button after logout)
            response.headers["Cache-Control"] = "no-store"
            response.vary.add("Cookie")
        return response

    @app.teardown_request
    def _rollback_on_error(exc):
        if exc is not None:
            db.session.rollback()
