"""Writes on user accounts: register, authenticate, reset a password."""
from werkzeug.security import check_password_hash, generate_password_hash

from market.accounts.models import User
from market.extensions import db

_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class EmailTaken(ValueError):
    pass


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def register_user(email: str, display_name: str, password: str, *, volunteer=False, coordinator=False,
                  locale="fr") -> User:
    email = normalise_email(email)
    if find_user(email):
        raise EmailTaken(email)
    user = User(email=email, display_name=display_name.strip(), is_volunteer=volunteer,
                is_coordinator=coordinator, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user when the password matches and the account is active; same cost either way."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def reset_password(user: User, password: str) -> None:
    user.set_password(password)
    db.session.flush()
