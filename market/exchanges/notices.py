"""Who hears about an exchange, through the notifications feature's `notify()` (in-app and e-mail)."""
from market.notifications.services import notify


def side_users(conversation, side: str) -> list:
    """Every active person of one side: the organisation's members, or the individual."""
    if side == "owner":
        people = ([m.user for m in conversation.owner_org.memberships] if conversation.owner_org
                  else [conversation.owner_user])
    else:
        people = [conversation.requester]
        if conversation.requester_org:
            people += [m.user for m in conversation.requester_org.memberships]
    seen, out = set(), []
    for user in people:
        if user is not None and user.id not in seen and user.status == "active":
            seen.add(user.id)
            out.append(user)
    return out


def tell(conversation, sides, kind: str, title: str, url: str, *, actor=None, body: str = "",
         email_template: str = "exchange_update", context: dict | None = None, dedupe_key: str | None = None) -> int:
    """Notify the people of `sides` ("owner", "requester" or both), except the actor; returns how many."""
    if isinstance(sides, str):
        sides = (sides,)
    context = {"listing_title": conversation.listing.title, "conversation_id": conversation.id,
               "body": body, **(context or {})}
    count, done = 0, set()
    for side in sides:
        for user in side_users(conversation, side):
            if user.id in done or (actor is not None and user.id == actor.id):
                continue
            done.add(user.id)
            if notify(user, kind, title, url, body=body, email_template=email_template,
                      context=context, dedupe_key=dedupe_key) is not None:
                count += 1
    return count
