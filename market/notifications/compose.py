"""Turning queued rows into one e-mail: still wanted?, rendered in the person's language, with unsubscribe."""
import hashlib
from contextlib import contextmanager
from email.utils import parseaddr
from urllib.parse import urljoin

from flask import current_app, has_request_context, render_template, request, url_for
from flask_babel import force_locale, ngettext

from market.extensions import db
from market.listings.models import Listing
from market.notifications.mail import build_message
from market.notifications.services import preferences
from market.notifications.tokens import unsubscribe_url


def still_wanted(rows) -> list:
    """The rows still worth sending: active person, channel still on, listing still public."""
    user = rows[0].user
    if user is None or user.status != "active":
        return []
    prefs = preferences(user)
    if not (prefs.newsletter if rows[0].stream == "digest" else prefs.email):
        return []
    live = []
    for row in rows:
        if row.listing_id is not None:
            listing = db.session.get(Listing, row.listing_id)
            if listing is None or not listing.is_public():
                continue  # notices for a listing that has since closed are not sent
        live.append(row)
    return live


@contextmanager
def email_context(user):
    """Outside a request (commands), links are built from BASE_URL; texts in the person's language."""
    with force_locale(user.locale or "fr"):
        if has_request_context():
            yield
        else:
            with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
                yield


def absolute(url: str) -> str:
    return urljoin(request.host_url, url) if url else url_for("main.home", _external=True)


def expand(row) -> dict:
    """The template context of one queued row: its stored context plus the objects it names."""
    ctx = dict(row.context or {})
    notification = row.notification
    ctx["notification"] = notification
    ctx["url"] = absolute(notification.url if notification is not None else ctx.get("url", ""))
    ctx["title"] = notification.title if notification is not None else row.subject
    ctx["body"] = notification.body if notification is not None else ctx.get("body", "")
    if row.listing_id is not None:
        ctx["listing"] = db.session.get(Listing, row.listing_id)
    if row.template == "digest":
        from market.notifications.digest import expand_context
        ctx.update(expand_context(ctx))
    return ctx


def message_id(row) -> str:
    """Stable per row: a resent copy (by hand) can be recognised as the same message."""
    digest = hashlib.sha256(f"{current_app.config['SECRET_KEY']}:{row.id}".encode()).hexdigest()[:12]
    domain = parseaddr(current_app.config["MAIL_SENDER"])[1].rpartition("@")[2] or "localhost"
    return f"<{row.stream}.{row.id}.{digest}@{domain}>"


def render(user, template: str, ctx: dict, stream: str) -> tuple[str, str, str]:
    """(text, html, unsubscribe link) of an e-mail template for `user`; call inside email_context."""
    link = unsubscribe_url(user.id, stream)
    ctx = {**ctx, "user": user, "unsubscribe_url": link, "stream": stream,
           "preferences_url": url_for("notifications.preferences", _external=True)}
    return (render_template(f"emails/{template}.txt", **ctx),
            render_template(f"emails/{template}.html", **ctx), link)


def message(rows):
    """One EmailMessage for rows of one person (several rows: a summary of notices)."""
    first, user = rows[0], rows[0].user
    with email_context(user):
        if len(rows) == 1:
            template, ctx, subject = first.template, expand(first), first.subject
        else:
            template, ctx = "notices_summary", {"items": [expand(r) for r in rows]}
            subject = ngettext("%(num)d nouvelle notification", "%(num)d nouvelles notifications", len(rows))
        text, html, link = render(user, template, ctx, first.stream)
    headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "Auto-Submitted": "auto-generated"}
    return build_message(user.email, subject, text, html, headers=headers, message_id=message_id(first))
