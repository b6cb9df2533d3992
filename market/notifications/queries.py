"""Reads of notifications: a person's list and unread count."""
import sqlalchemy as sa

from market.extensions import db
from market.notifications.models import Notification


def visible(user) -> sa.Select:
    return (sa.select(Notification).where(Notification.user_id == user.id, Notification.in_app.is_(True))
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


def unread_count(user) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.in_app.is_(True), Notification.read_at.is_(None))) or 0
