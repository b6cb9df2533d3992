"""Language choice (French by default, English on request), French formats, and the request's
catalogue looked up once (Flask-Babel walks its request context at every `_()`)."""
from datetime import date, datetime

from flask import current_app, g, has_request_context, request, session
from flask_babel import (format_currency, format_date as babel_format_date, format_time, get_locale,
                         get_translations, to_user_timezone)
from markupsafe import Markup
from jinja2 import pass_context

MEMO_LIMIT = 20_000  # formatted values kept per language (dates, prices, labels, texts): a few MB at most
_languages: dict = {}  # catalogue -> Language


def select_locale():
    if not has_request_context():  # commands choose the language with force_locale
        return "fr"
    if request.path.startswith("/api/"):  # the API reads no cookie: Accept-Language, French by default
        return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or \
            current_app.config["BABEL_DEFAULT_LOCALE"]
    lang = session.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        return lang
    from flask_login import current_user
    if getattr(current_user, "is_authenticated", False) and current_user.locale in current_app.config["LANGUAGES"]:
        return current_user.locale
    # French by default, whatever the browser says: English is a choice made with the switch
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone():
    return "Europe/Paris"


def translations():
    """The catalogue of the current language, found once per request (and per `force_locale`).

    Kept where Flask-Babel's `force_locale` and `refresh` save, reset and restore it
    (`babel_translations` of its per-request namespace), so a forced language is honoured.
    """
    try:
        ctx = g._flask_babel
    except RuntimeError:  # no app context at all
        return get_translations()
    except AttributeError:  # first lookup of the request: Flask-Babel makes its namespace now
        found = get_translations()
        ctx = g.get("_flask_babel")
        if ctx is not None:
            ctx.babel_translations = found
        return found
    found = getattr(ctx, "babel_translations", None)
    if found is None:
        found = ctx.babel_translations = get_translations()
    return found


class Language:
    """What depends only on the language: its catalogue, and texts already translated and formatted."""

    def __init__(self, catalogue):
        self.catalogue, self.known = catalogue, {}

    def memo(self, key, compute):
        try:
            return self.known[key]
        except KeyError:
            if len(self.known) >= MEMO_LIMIT:
                self.known = {}
            value = self.known[key] = compute()
            return value

    @pass_context
    def gettext(self, __context, __string, **variables):
        """Jinja's newstyle `_()`/`gettext()` (same output: Markup when escaping, always %-formatted);
        a text without variables is translated and formatted once per language."""
        autoescape = __context.eval_ctx.autoescape
        if variables:
            return self._format(self.catalogue.ugettext(__string), autoescape, variables)
        try:
            return self.known[(__string, autoescape)]
        except KeyError:
            return self.memo((__string, autoescape),
                             lambda: self._format(self.catalogue.ugettext(__string), autoescape, variables))

    @pass_context
    def ngettext(self, __context, __singular, __plural, __num, **variables):
        variables.setdefault("num", __num)
        return self._format(self.catalogue.ungettext(__singular, __plural, __num), __context.eval_ctx.autoescape,
                            variables)

    @staticmethod
    def _format(text, autoescape, variables):
        return (Markup(text) if autoescape else text) % variables


def language() -> Language:
    catalogue = translations()
    found = _languages.get(catalogue)
    if found is None:
        found = _languages[catalogue] = Language(catalogue)
    return found


def memo(key, compute):
    """`compute()` once per language and key: for values that depend only on the key and the language."""
    return language().memo(key, compute)


@pass_context
def template_gettext(__context, __string, **variables):
    return language().gettext(__context, __string, **variables)


@pass_context
def template_ngettext(__context, __singular, __plural, __num, **variables):
    return language().ngettext(__context, __singular, __plural, __num, **variables)


def page_translations() -> dict:
    """For a page's context: `_`, `gettext`, `ngettext` of the page's language, found once for the page
    (macros imported without context use the globals, which find it at each call)."""
    current = language()
    return {"_": current.gettext, "gettext": current.gettext, "ngettext": current.ngettext}


def install_template_gettext(app):
    """Templates translate through `translations()`: one lookup of the catalogue per request."""
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext, ngettext=template_ngettext)


def format_money(cents) -> str:
    if cents is None:
        return ""
    return memo(("money", cents), lambda: format_currency(cents / 100, "EUR"))


def format_date(value, fmt="medium") -> str:
    if not value:
        return ""
    try:
        day = to_user_timezone(value).date() if isinstance(value, datetime) else value
    except OverflowError:  # an instant at the very end of the calendar cannot move to Paris time
        day = value.date()
    if not isinstance(day, date):
        return babel_format_date(value, fmt)
    return memo(("date", day, fmt), lambda: babel_format_date(day, fmt))


def format_when(value) -> str:
    if not value:
        return ""
    if not isinstance(value, datetime):  # a day without a time
        return babel_format_date(value, "medium")
    try:
        # the day in the medium form, the time without seconds: "14 déc. 2026, 18:30", "Dec 14, 2026, 6:30 PM"
        return f'{babel_format_date(value, "medium")}, {format_time(value, "short")}'
    except OverflowError:
        return babel_format_date(value.date(), "medium")


def current_locale() -> str:
    return memo("locale", lambda: str(get_locale() or "fr"))
