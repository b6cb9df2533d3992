"""Signed, expiring tokens for password reset, sign-up confirmation and invitations (no table needed)."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_reset_token(user) -> str:
    # the password hash in the payload makes the token single-use: it dies when the password changes
    return _serializer("password-reset").dumps({"id": user.id, "h": user.password_hash[-12:]})


def read_reset_token(token: str):
    from market.accounts.models import User
    from market.extensions import db
    try:
        data = _serializer("password-reset").loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("id"))
    if user is None or user.password_hash[-12:] != data.get("h"):
        return None
    return user


def make_invitation_token(organization, email: str) -> str:
    return _serializer("invitation").dumps({"org": organization.id, "email": email.lower()})


def read_invitation_token(token: str) -> dict | None:
    try:
        return _serializer("invitation").loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None


def make_signup_token(user, invitation: str = "") -> str:
    # bound to the password hash: a second sign-up with the same address voids the first link
    return _serializer("signup").dumps({"id": user.id, "h": user.password_hash[-12:], "inv": invitation or ""})


def read_signup_token(token: str):
    """(user, invitation token) for a valid confirmation link, else (None, "")."""
    from market.accounts.models import User
    from market.extensions import db
    try:
        data = _serializer("signup").loads(token, max_age=current_app.config["SIGNUP_CONFIRM_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None, ""
    user = db.session.get(User, data.get("id"))
    if user is None or user.password_hash[-12:] != data.get("h"):
        return None, ""
    return user, data.get("inv") or ""
