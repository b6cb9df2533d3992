"""Writes of notices: `notify()` records an in-app notice and queues its e-mail; read, preferences."""
import json

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from market.extensions import db
from market.notifications.models import FREQUENCIES, Notification, NotificationPreference, OutgoingEmail
from market.notifications.rules import due_time
from market.types import utcnow

DEFAULTS = {"in_app": True, "email": True, "email_frequency": "immediately", "match_alerts": True,
            "urgent_calls": True, "newsletter": True}


def preferences(user) -> NotificationPreference:
    """The user's preferences (a transient object with the defaults when never saved)."""
    prefs = db.session.get(NotificationPreference, user.id)
    return prefs or NotificationPreference(user_id=user.id, **DEFAULTS)


def save_preferences(user, **values) -> NotificationPreference:
    prefs = db.session.get(NotificationPreference, user.id)
    if prefs is None:
        prefs = NotificationPreference(user_id=user.id, **DEFAULTS)
        db.session.add(prefs)
    for name, value in values.items():
        if name not in DEFAULTS:
            raise ValueError(f"unknown preference {name}")
        if name == "email_frequency" and value not in FREQUENCIES:
            raise ValueError(f"unknown frequency {value}")
        setattr(prefs, name, value)
    db.session.flush()
    return prefs


def wants_email(prefs, kind: str) -> bool:
    """Whether this kind of notice may go by e-mail at all (frequency aside)."""
    if not prefs.email:
        return False
    if kind.startswith("urgent"):
        return prefs.urgent_calls
    if kind.startswith(("match", "saved_search")):
        return prefs.match_alerts
    return True


def notify(user, kind: str, title: str, url: str, *, body: str = "", email_template: str | None = None,
           context: dict | None = None, dedupe_key: str | None = None, listing=None,
           frequency: str | None = None) -> Notification | None:
    """Record a notice for `user` and queue its e-mail per their preferences; flushes, never commits.

    Returns None when `dedupe_key` was already used for this user (nobody gets a notice twice).
    `context` must be JSON-serialisable (ids, strings): the e-mail is rendered later by the sender,
    with `user`, `notification`, `url` (absolute) and `unsubscribe_url` added. `listing`: the notice
    is about it, and its e-mail is dropped if the listing is no longer public when sent.
    `frequency` overrides the user's e-mail frequency ("immediately" for urgent calls, a saved
    search's own frequency); "never" records the in-app notice only.
    `title` and `body` are stored as given: build them in the recipient's language, e.g.
    `with force_locale(user.locale): notify(user, "message", _("Nouveau message de %(name)s", ...), ...)`.
    """
    context = dict(context or {})
    json.dumps(context)  # fail now, in the caller's test, rather than in the sender at night
    prefs = preferences(user)
    values = {"user_id": user.id, "kind": kind[:40], "title": title[:200], "body": body or "",
              "url": url or "", "listing_id": getattr(listing, "id", None), "dedupe_key": dedupe_key,
              "in_app": bool(prefs.in_app), "created_at": utcnow()}
    notification_id = _insert_once(Notification, values, ("user_id", "dedupe_key"), dedupe_key)
    if notification_id is None:
        return None
    notification = db.session.get(Notification, notification_id)
    frequency = frequency or prefs.email_frequency
    if frequency != "never" and wants_email(prefs, kind):
        queue_email(user, email_template or "notification", title, context, notification=notification,
                    listing=listing, batch=frequency,
                    dedupe_key=f"n:{notification.id}")
    return notification


def queue_email(user, template: str, subject: str, context: dict, *, notification=None, listing=None,
                batch: str = "immediately", stream: str = "notices", dedupe_key: str | None = None,
                now=None) -> OutgoingEmail | None:
    """Record an e-mail for `market send-notifications`; None when `dedupe_key` is already queued."""
    now = now or utcnow()
    values = {"user_id": user.id, "notification_id": getattr(notification, "id", None),
              "listing_id": getattr(listing, "id", None), "stream": stream, "batch": batch,
              "template": template, "subject": subject[:200], "context": context, "dedupe_key": dedupe_key,
              "status": "pending", "due_at": due_time(batch, now), "attempts": 0, "last_error": "",
              "created_at": now}
    email_id = _insert_once(OutgoingEmail, values, ("dedupe_key",), dedupe_key)
    return db.session.get(OutgoingEmail, email_id) if email_id is not None else None


def _insert_once(model, values: dict, keys: tuple, dedupe_key) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id: race-free on SQLite and PostgreSQL."""
    if dedupe_key is None:
        obj = model(**values)
        db.session.add(obj)
        db.session.flush()
        return obj.id
    db.session.flush()
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (insert(model).values(**values).on_conflict_do_nothing(index_elements=list(keys))
            .returning(model.id))
    return db.session.execute(stmt).scalar()


def mark_read(user, notification_ids=None) -> int:
    """Mark the user's notices read (all of them when no ids); returns how many changed."""
    stmt = (sa.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow()).execution_options(synchronize_session=False))
    if notification_ids is not None:
        stmt = stmt.where(Notification.id.in_(list(notification_ids)))
    count = db.session.execute(stmt).rowcount
    db.session.expire_all()
    return count
