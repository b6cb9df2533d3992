"""Who may create and revoke tokens."""


def can_create(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.status == "active"


def can_revoke(user, token) -> bool:
    """The owner, or any coordinator (a leaked token, a member who left)."""
    if not getattr(user, "is_authenticated", False) or user.status != "active":
        return False
    return token.user_id == user.id or user.is_coordinator
