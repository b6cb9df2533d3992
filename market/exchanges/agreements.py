"""Agreements for skills and volunteering: what, when, how many hours; confirmed, done, thanked."""
import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges import notices, permissions, rules
from market.exchanges.base import (ExchangeRefused, NotAllowed, acting_side, clean_text, day, ensure, move,
                                   other_side, required_text)
from market.exchanges.models import Agreement, Conversation
from market.extensions import db
from market.signals import agreement_marked_done
from market.types import utcnow

MAX_MINUTES = 24 * 60 * 14


def propose(actor, conversation, title, scheduled_on, minutes: int, time_note="") -> Agreement:
    """One side proposes; it counts as that side's confirmation. The other side confirms."""
    if not permissions.can_propose_agreement(actor, conversation):
        raise NotAllowed()
    side = acting_side(actor, conversation)
    title = required_text(title, _("Dites en quelques mots ce qui est convenu."), 200)
    if not minutes or minutes <= 0 or minutes > MAX_MINUTES:
        raise ExchangeRefused(_("Indiquez un nombre d'heures entre 0,25 et %(max)d.", max=MAX_MINUTES // 60))
    now = utcnow()
    agreement = Agreement(conversation=conversation, listing=conversation.listing, created_by_id=actor.id,
                          title=title, scheduled_on=scheduled_on, time_note=clean_text(time_note, 100),
                          minutes=minutes, status="proposed", proposed_by_side=side, created_at=now)
    setattr(agreement, f"{side}_confirmed_at", now)
    db.session.add(agreement)
    db.session.flush()
    _tell(actor, agreement, other_side(side), "agreement_proposed", _("Accord proposé : %(title)s, le %(day)s"))
    return agreement


def confirm(actor, agreement) -> Agreement:
    side = acting_side(actor, agreement)
    move("agreement", agreement, "confirm", side)
    setattr(agreement, f"{side}_confirmed_at", utcnow())
    db.session.flush()
    _tell(actor, agreement, other_side(side), "agreement_confirmed", _("Accord confirmé : %(title)s, le %(day)s"))
    return agreement


def mark_done(actor, agreement, note="") -> Agreement:
    """This side says it happened (and may thank the other side); done when both sides have said so."""
    side = acting_side(actor, agreement)
    ensure("agreement", agreement, "mark_done", side)
    if getattr(agreement, f"{side}_done_at") is not None:
        raise ExchangeRefused(_("Vous avez déjà indiqué que cet accord est réalisé."))
    now = utcnow()
    setattr(agreement, f"{side}_done_at", now)
    if clean_text(note, 1000):
        setattr(agreement, f"{side}_note", clean_text(note, 1000))
    move("agreement", agreement, "mark_done", side)
    agreement.status = rules.agreement_status_after_done(agreement.owner_done_at is not None,
                                                         agreement.requester_done_at is not None)
    if agreement.status == "done":
        agreement.done_at = now
    db.session.flush()
    agreement_marked_done.send(agreement, actor=actor, side=side, now=now)  # the time bank counts its hours
    _tell(actor, agreement, other_side(side), "agreement_done", _("Accord réalisé : %(title)s, le %(day)s"))
    return agreement


def thank(actor, agreement, note) -> Agreement:
    """Write (or rewrite) this side's thank-you note once the agreement is done."""
    side = acting_side(actor, agreement)
    if agreement.status != "done":
        raise ExchangeRefused(_("Un mot de remerciement s'ajoute une fois l'accord réalisé."))
    setattr(agreement, f"{side}_note", required_text(note, _("Écrivez votre mot de remerciement."), 1000))
    db.session.flush()
    return agreement


def cancel(actor, agreement, reason) -> Agreement:
    side = acting_side(actor, agreement)
    ensure("agreement", agreement, "cancel", side)
    agreement.cancel_reason = required_text(reason, _("Indiquez la raison de l'annulation."))
    move("agreement", agreement, "cancel", side)
    agreement.cancelled_at = utcnow()
    db.session.flush()
    _tell(actor, agreement, other_side(side), "agreement_cancelled", _("Accord annulé : %(title)s, le %(day)s"),
          agreement.cancel_reason)
    return agreement


def _tell(actor, agreement, side, kind, title, body=""):
    notices.tell(agreement.conversation, side, kind, title % {"title": agreement.title, "day": day(agreement.scheduled_on)},
                 agreement.url, actor=actor, body=body, dedupe_key=f"agreement:{agreement.id}:{kind}:{actor.id}")


def thanks_for(organization, limit: int = 10) -> list[dict]:
    """Thank-you notes this organisation received from done agreements, newest first."""
    rows = db.session.scalars(sa.select(Agreement).join(Conversation).where(
        Agreement.status == "done", sa.or_(
            sa.and_(Conversation.owner_org_id == organization.id, Agreement.requester_note != ""),
            sa.and_(Conversation.requester_org_id == organization.id, Agreement.owner_note != "")))
        .order_by(Agreement.done_at.desc()).limit(limit))
    out = []
    for agreement in rows:
        from_side = "requester" if agreement.conversation.owner_org_id == organization.id else "owner"
        out.append({"note": getattr(agreement, f"{from_side}_note"), "from": agreement.conversation.side_name(from_side),
                    "title": agreement.title, "done_at": agreement.done_at, "minutes": agreement.minutes})
    return out
