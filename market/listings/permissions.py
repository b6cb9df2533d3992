"""Who may see and change a listing: functions used by views and the API alike."""


def _member_of(user, organization) -> bool:
    return organization is not None and user.membership_in(organization) is not None


def can_manage(user, listing) -> bool:
    """Members of the owning organisation; for an individual's listing, its author."""
    if not getattr(user, "is_authenticated", False) or user.status != "active":
        return False
    if listing.organization is not None:
        return _member_of(user, listing.organization) and not listing.organization.is_suspended
    return listing.author_id == user.id or listing.author is user


def can_view(user, listing) -> bool:
    if listing.is_public():
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_coordinator or can_manage(user, listing)


def can_post_for(user, organization) -> bool:
    """organization None means posting as an individual volunteer."""
    if not getattr(user, "is_authenticated", False) or user.status != "active":
        return False
    if organization is None:
        return user.is_volunteer
    return _member_of(user, organization) and not organization.is_suspended


def publisher_trusted(user, listing) -> bool:
    """Verified organisations and coordinators publish without waiting for moderation."""
    if user.is_coordinator:
        return True
    return listing.organization is not None and listing.organization.is_verified
