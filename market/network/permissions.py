"""Who may place an organisation on the map, post to the agenda, moderate it and register."""


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.status == "active"


def _admin_of(user, organization) -> bool:
    membership = user.membership_in(organization) if organization is not None else None
    return membership is not None and membership.role == "admin"


def can_place(user, organization) -> bool:
    """An organisation's admins (and coordinators) set its point on the map and its catchment area."""
    return _active(user) and (user.is_coordinator or _admin_of(user, organization))


def can_post(user) -> bool:
    """Any active member may propose a date to the agenda."""
    return _active(user)


def can_post_for(user, organization) -> bool:
    if not _active(user):
        return False
    return organization is None or (user.membership_in(organization) is not None and not organization.is_suspended)


def can_schedule_network_meeting(user) -> bool:
    """Network meetings (breakfasts, workshops, forums) are the coordinators' to schedule."""
    return _active(user) and user.is_coordinator


def publishes_at_once(user, organization) -> bool:
    """As for listings: coordinators and verified organisations publish without waiting."""
    return user.is_coordinator or (organization is not None and organization.is_verified)


def can_moderate(user) -> bool:
    return _active(user) and user.is_coordinator


def can_edit(user, meeting) -> bool:
    """The organiser, the organising organisation's members, and coordinators."""
    if not _active(user):
        return False
    if user.is_coordinator or meeting.organiser_id == user.id:
        return True
    return meeting.organiser_org is not None and user.membership_in(meeting.organiser_org) is not None


def can_view(user, meeting) -> bool:
    return meeting.is_public or can_edit(user, meeting)


def can_register(user, meeting) -> bool:
    return _active(user) and meeting.status == "published" and meeting.capacity is not None
