"""Who may see and manage memberships, and the one check of what membership opens (market/gates.py)."""
from flask_babel import gettext as _

from market.membership import queries, rules


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.status == "active"


def can_manage(user) -> bool:
    """Fee schedules, payments, reminders, which actions need membership: the coordination."""
    return _active(user) and bool(user.is_coordinator)


def can_see(user, organization) -> bool:
    """A structure's membership: its own members, and the coordination."""
    return _active(user) and (user.is_coordinator or user.membership_in(organization) is not None)


def can_declare(user, organization) -> bool:
    """Its size, signing the charter again: the structure's administrators (and the coordination)."""
    if not _active(user) or organization.is_suspended:
        return False
    membership = user.membership_in(organization)
    return user.is_coordinator or (membership is not None and membership.role == "admin")


def membership_refusal(action: str, user, organization, today=None) -> str | None:
    """None when `user` may do `action` for `organization`; else the sentence that says why not.

    Only what the coordination reserved (membership_requirements) is checked; people acting for
    themselves (a volunteer, no structure) and the coordination are never stopped."""
    if organization is None or getattr(user, "is_coordinator", False):
        return None
    if action not in queries.required_actions():
        return None
    today = today or queries.today()
    if queries.standing(organization, today).has_rights:
        return None
    return _("Cette action est réservée aux structures à jour de leur adhésion au réseau. %(name)s peut régler sa "
             "cotisation %(year)d : voyez sa page « Adhésion » dans Mon espace.",
             name=organization.name, year=rules.renewal_year(today))
