"""Flask-Login's user loader."""
from market.extensions import db


def load_user(user_id):
    from market.accounts.models import User
    try:
        user = db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
    # a user suspended while logged in is logged out at their next request
    return user if user is not None and user.is_active else None
