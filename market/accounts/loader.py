"""Flask-Login's user loader."""
from market.extensions import db


def load_user(user_id):
    from market.accounts.models import User
    try:
        return db.session.get(User, int(user_id))
    except (TypeError, ValueError):
        return None
