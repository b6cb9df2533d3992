"""Language choice (French by default, English on request) and French formats."""
from datetime import datetime

from flask import current_app, has_request_context, request, session
from flask_babel import format_currency, format_date as babel_format_date, format_time, get_locale


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


def format_money(cents) -> str:
    if cents is None:
        return ""
    return format_currency(cents / 100, "EUR")


def format_date(value, fmt="medium") -> str:
    if not value:
        return ""
    try:
        return babel_format_date(value, fmt)
    except OverflowError:  # an instant at the very end of the calendar cannot move to Paris time
        return babel_format_date(value.date() if isinstance(value, datetime) else value, fmt)


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
    return str(get_locale() or "fr")
