"""Writes on user accounts: register, authenticate, reset a password."""
from werkzeug.security import check_password_hash, generate_password_hash

from market.accounts.models import User
from market.extensions import db

_DUMMY_HASHES: dict[str, str] = {}


def _dummy_hash() -> str:
    """A hash of the configured cost, so unknown addresses take as long as wrong passwords."""
    from flask import current_app
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASHES:
        _DUMMY_HASHES[method] = generate_password_hash("not-a-real-password", method=method)
    return _DUMMY_HASHES[method]


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


def sign_up(email: str, display_name: str, password: str, *, volunteer=False) -> tuple[User, bool]:
    """A sign-up: (the account, True) for a new one to confirm by e-mail; (the existing account, False)
    when the address already has one. The page answers alike; only the e-mail sent differs."""
    user = find_user(email)
    if user is None:
        user = register_user(email, display_name, password, volunteer=volunteer)
        user.status = "unconfirmed"
        db.session.flush()
        return user, True
    if user.status == "unconfirmed":  # never confirmed: the person who can read the mailbox starts again
        user.display_name = display_name.strip()
        user.is_volunteer = user.is_volunteer or volunteer
        user.set_password(password)
        user.end_sessions()
        db.session.flush()
        return user, True
    return user, False


def confirm_address(user: User) -> bool:
    """The link of the confirmation e-mail was opened: the account becomes usable (False if it already was)."""
    if user.status != "unconfirmed":
        return False
    user.status = "active"
    db.session.flush()
    return True


def awaiting_confirmation(email: str, password: str) -> User | None:
    """The account of a sign-up not confirmed yet, when this is its password."""
    user = find_user(email)
    return user if user is not None and user.status == "unconfirmed" and user.check_password(password) else None


def authenticate(email: str, password: str) -> User | None:
    """The user when the password matches and the account is active; same cost either way."""
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user


def reset_password(user: User, password: str) -> None:
    """A new password ends every session opened with the old one."""
    user.set_password(password)
    user.end_sessions()
    db.session.flush()


def end_all_sessions(user: User) -> None:
    """Log out everywhere: every browser, every remember cookie of the account."""
    user.end_sessions()
    db.session.flush()
