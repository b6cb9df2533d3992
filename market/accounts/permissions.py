"""Who may manage an organisation and its members."""


def is_member(user, organization) -> bool:
    return getattr(user, "is_authenticated", False) and user.membership_in(organization) is not None


def can_admin(user, organization) -> bool:
    if not getattr(user, "is_authenticated", False) or user.status != "active" or organization.is_suspended:
        return False
    membership = user.membership_in(organization)
    return membership is not None and membership.role == "admin"
