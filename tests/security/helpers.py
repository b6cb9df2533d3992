"""Helpers of the security tests: log in by session, snapshot the database, look for active content."""
import re
from html.parser import HTMLParser

import sqlalchemy as sa
from flask import g

from market.extensions import db


def sign_in(client, user) -> None:
    """Log in by session, as Flask-Login does, without spending the login rate limit."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def snapshot() -> dict:
    """Every row of every table, to prove that a refused request changed nothing."""
    db.session.expire_all()
    rows = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            if sa.inspect(conn).has_table(table.name):
                result = conn.execute(sa.select(table).order_by(*table.primary_key.columns or table.columns))
                rows[table.name] = [tuple(r) for r in result]
    return rows


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "svg", "math", "applet"}
_CONTROL = re.compile(r"[\x00-\x20]+")


class _ActiveContent(HTMLParser):
    """Collects what a browser would run: handlers, inline scripts, script URLs, embedding tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and value is not None:
                plain = _CONTROL.sub("", value).lower()
                if plain.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.found.append(f"<{tag} {name}={value!r}>")
            if name == "http-equiv" and (value or "").lower() == "refresh":
                self.found.append(f"<{tag} http-equiv=refresh>")
        if tag == "script" and not dict(attrs).get("src"):
            self.found.append("inline <script>")
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")

    handle_startendtag = handle_starttag


def active_content(html: str) -> list[str]:
    """What in this page would execute or embed something: must be empty for every page of the app."""
    parser = _ActiveContent()
    parser.feed(html)
    parser.close()
    return parser.found


def call(client, method: str, url: str, data=None):
    """One request whose body is read and whose file handles (static files) are closed.

    The tests run inside one app context, which requests reuse: Flask-Login's cached user in `g`
    is dropped first, so that each request is made by the client's own session.
    """
    g.pop("_login_user", None)
    response = client.open(url, method=method, data=data)
    response.direct_passthrough = False
    response.get_data()
    response.close()
    return response
