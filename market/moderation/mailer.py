"""E-mails of moderation decisions: rendered at decision time, delivered only once the decision is committed."""
import smtplib

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _
from sqlalchemy.orm import Session

from market.extensions import db
from market.notifications.mail import build_message, deliver

_QUEUE_KEY = "moderation_mail"


def queue_template(user, subject_fn, template: str, **context) -> None:
    """Render `emails/<template>.txt|html` in the recipient's language and send it after the next commit."""
    with force_locale(user.locale or "fr"):
        subject = subject_fn()
        text = render_template(f"emails/{template}.txt", user=user, **context)
        html = render_template(f"emails/{template}.html", user=user, **context)
    db.session.info.setdefault(_QUEUE_KEY, []).append((user.email, subject, text, html))


def pending_count() -> int:
    return len(db.session.info.get(_QUEUE_KEY, []))


@sa.event.listens_for(Session, "after_commit")
def _deliver_after_commit(session):
    if session.in_nested_transaction():
        return
    for to, subject, text, html in session.info.pop(_QUEUE_KEY, []):
        try:
            deliver(build_message(to, subject, text, html))
        except (OSError, smtplib.SMTPException):
            current_app.logger.exception("Moderation e-mail to %s could not be sent", to)


@sa.event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session):
    if not session.in_nested_transaction():
        session.info.pop(_QUEUE_KEY, None)


def link(endpoint: str, **values) -> str:
    """An absolute link for an e-mail, or '' outside a request when SERVER_NAME is not set."""
    try:
        return url_for(endpoint, _external=True, **values)
    except RuntimeError:
        return ""


def listing_recipients(listing) -> list:
    """Every active member of the owning organisation; the author for an individual's listing."""
    if listing.organization is not None:
        return [m.user for m in listing.organization.memberships if m.user.is_active]
    return [listing.author] if listing.author.is_active else []


def organization_admins(organization) -> list:
    return [user for user in organization.admins() if user.is_active]


def listing_decided(listing, template: str, note: str, withdrawn: bool = False) -> None:
    subjects = {
        "listing_rejected": lambda: (_("Votre annonce « %(title)s » a été retirée", title=listing.title) if withdrawn
                                     else _("Votre annonce « %(title)s » n'a pas été acceptée", title=listing.title)),
        "listing_changes_requested": lambda: _("Votre annonce « %(title)s » : modifications demandées", title=listing.title),
    }
    url = link("listings.show", listing_id=listing.id)
    edit_url = link("listings.edit", listing_id=listing.id)
    for user in listing_recipients(listing):
        queue_template(user, subjects[template], template, listing=listing, note=note, withdrawn=withdrawn,
                       link=url, edit_link=edit_url)


def organization_decided(organization, template: str, reason: str = "") -> None:
    subjects = {
        "organization_verified": lambda: _("%(name)s est vérifiée sur le réseau", name=organization.name),
        "organization_suspended": lambda: _("%(name)s est suspendue sur le réseau", name=organization.name),
        "organization_reinstated": lambda: _("%(name)s est rétablie sur le réseau", name=organization.name),
    }
    url = link("directory.show", slug=organization.slug)
    for user in organization_admins(organization):
        queue_template(user, subjects[template], template, organization=organization, reason=reason, link=url)
