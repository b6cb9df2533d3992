"""Who may post an event, run it (organisers), sign up to a shift, cancel or confirm a place."""
from market.types import utcnow


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.status == "active"


def _member(user, organization) -> bool:
    return organization is not None and user.membership_in(organization) is not None


def can_post_event(user, organization) -> bool:
    return _active(user) and _member(user, organization) and not organization.is_suspended


def can_organize(user, event) -> bool:
    """A member of the main organiser or of a co-organiser."""
    return _active(user) and any(_member(user, o) for o in event.organizations)


def can_view(user, event) -> bool:
    return event.status == "published" or can_organize(user, event)


def can_sign_up(user, shift, now=None) -> bool:
    return (_active(user) and shift.event.status == "published"
            and shift.starts_at > (now or utcnow()))


def can_cancel(user, hold, shift) -> bool:
    """The volunteer gives back their place, or an organiser takes someone off the roster."""
    return _active(user) and (hold.user_id == user.id or can_organize(user, shift.event))


def can_confirm(user, hold) -> bool:
    return _active(user) and hold.user_id == user.id


def can_see_hours(user, organization) -> bool:
    return _active(user) and _member(user, organization)


def can_search_pool(user) -> bool:
    """Members of a verified association of the network (and coordinators) see the volunteers who chose to be seen."""
    return _active(user) and (user.is_coordinator or any(o.is_verified and not o.is_suspended
                                                         for o in user.organizations))


def can_invite(user, shift, now=None) -> bool:
    """An organiser of the event asks a volunteer of the pool to take one of its shifts still to come."""
    return (can_organize(user, shift.event) and can_search_pool(user) and shift.event.status == "published"
            and shift.starts_at > (now or utcnow()))


def can_answer(user, invitation) -> bool:
    return _active(user) and invitation.user_id == user.id


def can_volunteer_for(user, listing) -> bool:
    """A volunteer answers a public volunteering need of someone else in one click."""
    from market.exchanges.permissions import can_contact
    return (_active(user) and user.is_volunteer and listing.kind == "need" and listing.category == "volunteering"
            and can_contact(user, listing))
