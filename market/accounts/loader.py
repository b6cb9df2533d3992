"""Flask-Login's user loader: the id in a cookie counts only with the account's current session version."""
from market.extensions import db


def load_user(user_id):
    from market.accounts.models import User
    try:
        ident, version = (int(part) for part in str(user_id).split(":"))
        user = db.session.get(User, ident)
    except (TypeError, ValueError, OverflowError):
        return None
    if user is None or user.session_version != version:
        return None  # logged out, "everywhere" or by a password change, since this cookie was issued
    # a user suspended while logged in is logged out at their next request
    return user if user.is_active else None
