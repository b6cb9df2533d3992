"""Who may act for a time-bank account, an exchange, a correction."""
from market.accounts.models import Organization, User
from market.extensions import db


def holder_of(obj) -> str:
    return f"org:{obj.id}" if isinstance(obj, Organization) else f"user:{obj.id}"


def holder_object(holder: str):
    kind, _sep, ident = holder.partition(":")
    model = {"org": Organization, "user": User}.get(kind)
    return db.session.get(model, int(ident)) if model and ident.isdigit() else None


def can_act_for(user, account) -> bool:
    """The volunteer for their own account; any member of an organisation for the organisation's."""
    if user is None or not getattr(user, "is_authenticated", False) or account is None:
        return False
    kind, _sep, ident = account.holder.partition(":")
    if kind == "user":
        return ident == str(user.id)
    if kind == "org":
        return any(str(m.organization_id) == ident for m in user.memberships)
    return False


def can_see_account(user, account) -> bool:
    return can_act_for(user, account) or bool(getattr(user, "is_coordinator", False))


def can_correct(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coordinator)


def roles_in(user, exchange) -> set[str]:
    """"post"/"other" and "giver"/"receiver" for the sides this person acts for in the exchange."""
    roles = set()
    post_account_id = exchange.post.account_id
    for account, role in ((exchange.giver_account, "giver"), (exchange.receiver_account, "receiver")):
        if can_act_for(user, account):
            roles.add(role)
            roles.add("post" if account.id == post_account_id else "other")
    return roles


def can_see_exchange(user, exchange) -> bool:
    return bool(roles_in(user, exchange)) or can_correct(user)


def can_declare_for(user, holder_obj) -> bool:
    """A volunteer declares their own skills; any member of an active organisation declares the organisation's."""
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "status", "") != "active":
        return False
    if isinstance(holder_obj, Organization):
        return not holder_obj.is_suspended and user.membership_in(holder_obj) is not None
    return isinstance(holder_obj, User) and holder_obj.id == user.id


def can_manage_workshop(user, workshop) -> bool:
    """Those who act for the provider's account: record who came, cancel it."""
    return can_act_for(user, workshop.account)


def can_see_seat(user, seat) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and (
        seat.user_id == user.id or can_act_for(user, seat.account) or can_manage_workshop(user, seat.workshop)
        or can_correct(user))
