"""Signed unsubscribe tokens: one click from an e-mail, no login, no expiry (old e-mails keep working)."""
from flask import current_app, url_for
from itsdangerous import BadSignature, URLSafeSerializer

STREAMS = ("notices", "digest")
_SALT = "market.unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def make_token(user_id: int, stream: str) -> str:
    return _serializer().dumps([user_id, stream])


def read_token(token: str) -> tuple[int, str] | None:
    """(user id, stream) or None when the token was not made by us."""
    try:
        user_id, stream = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or stream not in STREAMS:
        return None
    return user_id, stream


def unsubscribe_url(user_id: int, stream: str) -> str:
    return url_for("notifications.unsubscribe", token=make_token(user_id, stream), _external=True)
