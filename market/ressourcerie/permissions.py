"""Who may give, reserve, hand over: functions used by the pages (and, later, the API)."""
from market.ressourcerie import rules


def can_give(user, organization=None) -> bool:
    """Any active member; for an organisation, one of its members (and it must not be suspended)."""
    if not getattr(user, "is_authenticated", False) or user.status != "active":
        return False
    if organization is None:
        return True
    return user.membership_in(organization) is not None and not organization.is_suspended


def can_manage(user, batch) -> bool:
    """The giver, or a member of the giving organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if batch.donor_id == user.id:
        return True
    return batch.organization is not None and user.membership_in(batch.organization) is not None


def can_reserve(user, batch) -> bool:
    return (getattr(user, "is_authenticated", False) and user.status == "active" and batch.status == "open"
            and not can_manage(user, batch))


def role_of(user, reservation) -> str | None:
    """"holder" (who reserved, or a member of the organisation reserved for), "donor", or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if can_manage(user, reservation.batch):
        return "donor"
    if reservation.user_id == user.id or (reservation.organization is not None
                                          and user.membership_in(reservation.organization) is not None):
        return "holder"
    return None


def can(user, action: str, reservation) -> bool:
    """What the buttons show: `action` allowed to this person on this reservation now (allocating only
    where the giver chooses)."""
    if action == "allocate" and not reservation.batch.chooses:
        return False
    return rules.may(action, reservation.status, role_of(user, reservation))
