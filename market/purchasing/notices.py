"""Who hears about a group purchase (its participants' members and the organiser), in their own language."""
from flask_babel import force_locale

from market.notifications.services import notify


def _people(organizations) -> list:
    seen, out = set(), []
    for organization in organizations:
        for membership in organization.memberships:
            user = membership.user
            if user.status == "active" and user.id not in seen:
                seen.add(user.id)
                out.append(user)
    return out


def participants(group) -> list:
    """Active members of every organisation with a commitment in the group."""
    return _people(c.organization for c in group.commitments)


def participants_of(rows) -> list:
    """Active members of the organisations of these rows (interests on a list, commitments)."""
    return _people(row.organization for row in rows)


def organisers(group) -> list:
    people = _people([group.organizer_org] if group.organizer_org else [])
    if group.created_by is not None and group.created_by.status == "active" and group.created_by not in people:
        people.append(group.created_by)
    return people


def tell(people, group, kind: str, message, *, actor=None, event: str) -> int:
    """`message(user)` builds (title, body) in the user's language; one notice per person and event.
    `group`: a group purchase or an interest list (its `url` and `notice_key`)."""
    sent = 0
    for user in people:
        if actor is not None and user.id == actor.id:
            continue
        with force_locale(user.locale or "fr"):
            title, body = message(user)
            if notify(user, kind, title, group.url, body=body, email_template="notification",
                      dedupe_key=f"{group.notice_key}:{event}") is not None:
                sent += 1
    return sent


def everyone(group) -> list:
    people = participants(group)
    return people + [u for u in organisers(group) if u.id not in {p.id for p in people}]
