"""Who may read a conversation, ask, decide and follow an exchange: functions used by every view."""
from market.exchanges import rules
from market.listings.permissions import can_manage, can_view


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.status == "active"


def _member(user, organization) -> bool:
    return organization is not None and user.membership_in(organization) is not None


def side_of(user, conversation) -> str | None:
    """'owner' (the listing's side), 'requester', or None for anyone outside the conversation."""
    if not _active(user):
        return None
    if conversation.owner_org_id is not None:
        if _member(user, conversation.owner_org):
            return "owner"
    elif conversation.owner_user_id == user.id:
        return "owner"
    if conversation.requester_id == user.id or _member(user, conversation.requester_org):
        return "requester"
    return None


def can_read(user, conversation) -> bool:
    """Only the two sides. Coordinators are not let in: they see reported messages, one by one."""
    return side_of(user, conversation) is not None


def can_write(user, conversation) -> bool:
    return can_read(user, conversation)


def can_contact(user, listing) -> bool:
    """A logged-in member who does not manage a public listing may open a conversation about it."""
    return _active(user) and listing.is_public() and can_view(user, listing) and not can_manage(user, listing)


def can_act_for(user, organization) -> bool:
    """`organization` None: as an individual."""
    if not _active(user):
        return False
    return organization is None or (_member(user, organization) and not organization.is_suspended)


def can_report(user, message) -> bool:
    return can_read(user, message.conversation) and message.author_id != user.id and message.hidden_at is None


def can_moderate_messages(user) -> bool:
    return _active(user) and user.is_coordinator


def can_book(user, listing) -> bool:
    return can_contact(user, listing) and listing.kind == "offer" and listing.category == "premises"


def can_borrow(user, listing) -> bool:
    return can_contact(user, listing) and listing.kind == "offer" and listing.category == "equipment"


def can_propose_agreement(user, conversation) -> bool:
    return (can_write(user, conversation) and conversation.listing.category in ("skill", "volunteering"))


def can_manage_room(user, listing) -> bool:
    return _active(user) and listing.category == "premises" and listing.kind == "offer" and can_manage(user, listing)


def can_manage_item(user, listing) -> bool:
    return _active(user) and listing.category == "equipment" and listing.kind == "offer" and can_manage(user, listing)


def can_see_exchange(user, exchange) -> bool:
    return can_read(user, exchange.conversation)


def can_do(user, machine: str, exchange, action: str) -> bool:
    """The state machine's answer for this person's side (an agreement also knows who proposed it)."""
    side = side_of(user, exchange.conversation)
    proposer = getattr(exchange, "proposed_by_side", None)
    return rules.allowed(machine, exchange.status, action, side, proposer)


def can_see_history(user, organization) -> bool:
    return _active(user) and _member(user, organization)


def can_manage_feeds(user, organization) -> bool:
    return _active(user) and _member(user, organization)


def can_close_listing(user, listing) -> bool:
    return _active(user) and listing.status == "published" and can_manage(user, listing)
