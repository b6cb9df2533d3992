"""Writes of the volunteer pool: invite a volunteer to a shift, their answer (accepting is a sign-up), point a
volunteer to a need, and a volunteer's one-click "Je m'inscris" on a volunteering need (a conversation)."""
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from market.events import notices, permissions, queries, services
from market.events.models import Invitation
from market.exchanges.base import ExchangeRefused, NotAllowed, clean_text
from market.extensions import db
from market.labels import label
from market.types import utcnow


def _in_pool(user) -> bool:
    profile = getattr(user, "volunteer_profile", None)
    return profile is not None and profile.visible_in_pool and user.status == "active"


def invite(actor, shift, volunteer, message: str = "", now=None) -> Invitation:
    """Ask a volunteer of the pool to take `shift`: once per shift and person; they are told at once."""
    now = now or utcnow()
    if not permissions.can_invite(actor, shift, now):
        raise NotAllowed()
    if not _in_pool(volunteer):
        raise ExchangeRefused(_("Cette personne n'apparaît pas dans le vivier de bénévoles."))
    if queries.hold_of(volunteer, shift) is not None:
        raise ExchangeRefused(_("%(name)s est déjà inscrit(e) à ce créneau.", name=volunteer.display_name))
    organization = next(o for o in shift.event.organizations if actor.membership_in(o) is not None)
    invitation = Invitation(shift_id=shift.id, user_id=volunteer.id, organization_id=organization.id,
                            invited_by_id=actor.id, message=clean_text(message, 2000), status="pending", created_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(invitation)
            db.session.flush()
    except IntegrityError as exc:  # invited already (maybe by a co-organiser, at the same moment)
        raise ExchangeRefused(_("%(name)s a déjà été invité(e) à ce créneau.", name=volunteer.display_name)) from exc
    notices.invitation_sent(invitation)
    return invitation


def accept(actor, invitation, now=None):
    """The volunteer takes the shift they were invited to: a sign-up (a place, or the waiting list when full)."""
    if not permissions.can_answer(actor, invitation):
        raise NotAllowed()
    if invitation.status != "pending":
        raise ExchangeRefused(_("Vous avez déjà répondu à cette invitation."))
    hold = queries.hold_of(actor, invitation.shift) or services.sign_up(actor, invitation.shift, now=now)
    _answer(invitation, "accepted", now)
    return hold


def decline(actor, invitation, now=None) -> Invitation:
    if not permissions.can_answer(actor, invitation):
        raise NotAllowed()
    if invitation.status != "pending":
        raise ExchangeRefused(_("Vous avez déjà répondu à cette invitation."))
    _answer(invitation, "declined", now)
    return invitation


def _answer(invitation, status: str, now) -> None:
    invitation.status, invitation.answered_at = status, now or utcnow()
    db.session.flush()
    notices.invitation_answered(invitation)


def offer_need(actor, need, volunteer) -> bool:
    """Point a volunteer of the pool to one of the association's volunteering needs; False if told already."""
    from market.listings.permissions import can_manage
    if not (permissions.can_search_pool(actor) and can_manage(actor, need) and need.is_public()
            and need.category == "volunteering" and need.kind == "need"):
        raise NotAllowed()
    if not _in_pool(volunteer):
        raise ExchangeRefused(_("Cette personne n'apparaît pas dans le vivier de bénévoles."))
    return notices.need_offered(actor, need, volunteer)


def volunteer_for(actor, need):
    """"Je m'inscris" on a volunteering need: a conversation with the association opened with a message that
    says who the volunteer is. Returns (conversation, new): an existing conversation is found again."""
    from market.exchanges import conversations
    if not permissions.can_volunteer_for(actor, need):
        raise NotAllowed()
    existing = conversations.find_conversation(need, actor, None)
    if existing is not None:
        return existing, False
    conversation = conversations.start_conversation(actor, need, None)
    conversations.post_message(actor, conversation, introduction(actor, need))
    return conversation, True


def introduction(actor, need) -> str:
    """The volunteer's first message, from their profile."""
    profile = actor.volunteer_profile
    lines = [_("Bonjour, je m'inscris comme bénévole pour « %(title)s ».", title=need.title)]
    if profile is not None:
        if profile.skill_list:
            lines.append(_("Mes compétences : %(skills)s.", skills=", ".join(profile.skill_list)))
        if profile.availability_list:
            lines.append(_("Mes disponibilités : %(when)s.",
                           when=", ".join(label("availability", a).lower() for a in profile.availability_list)))
        from market import geo
        home = geo.get(profile.commune_code)
        if home is not None:
            lines.append(_("J'habite à %(commune)s.", commune=home.name))
    lines.append(_("Dites-moi ici comment vous aider."))
    return "\n".join(lines)
