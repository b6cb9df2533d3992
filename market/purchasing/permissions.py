"""Who may open a group purchase, commit for an organisation, and run a group (close, extend, export)."""


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.status == "active"


def _member(user, organization) -> bool:
    return organization is not None and user.membership_in(organization) is not None


def can_act_for(user, organization) -> bool:
    """A member of a verified organisation that is not suspended."""
    return (_active(user) and _member(user, organization) and organization.status == "verified")


def acting_organizations(user) -> list:
    return [o for o in user.organizations if can_act_for(user, o)] if _active(user) else []


def can_open(user) -> bool:
    """A member of a verified organisation, or a coordinator (for the whole network)."""
    return _active(user) and (user.is_coordinator or bool(acting_organizations(user)))


def can_view(user, group) -> bool:
    return _active(user)


def can_manage(user, group) -> bool:
    """The organiser: its organisation's members, the person who opened it, or a coordinator."""
    if not _active(user):
        return False
    if user.is_coordinator or (group.created_by_id is not None and group.created_by_id == user.id):
        return True
    return _member(user, group.organizer_org)


def can_commit(user, group, organization) -> bool:
    return group.status == "open" and can_act_for(user, organization)


def can_see_amounts(user, group, organization) -> bool:
    """A participant sees its own line; the organiser sees every line."""
    return can_manage(user, group) or (_active(user) and _member(user, organization))
