"""The hours of the agreements of market/exchanges, credited on the time bank: at once when both sides say it was
done, 72 hours after the first one did unless the other contests. Through the same ledger service as coups de
pouce. Writes flush, never commit."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges import permissions as exchange_permissions
from market.extensions import db
from market.timebank import credits, permissions, rules
from market.timebank.accounts import account_of
from market.timebank.credits import NotAllowed, Refused
from market.timebank.models import AgreementCredit
from market.types import utcnow

STATUSES = ("pending", "credited", "contested", "cancelled")


def _holder(conversation, side: str):
    if side == "owner":
        return conversation.owner_org or conversation.owner_user
    return conversation.requester_org or conversation.requester


def credit_of(agreement) -> AgreementCredit | None:
    return db.session.scalar(sa.select(AgreementCredit).where(AgreementCredit.agreement_id == agreement.id))


def on_marked_done(agreement, actor=None, side: str = "", now: datetime | None = None, **_extra) -> None:
    """market.signals.agreement_marked_done: open the credit at the first side's word, credit it at the second's."""
    now = now or utcnow()
    item = credit_of(agreement)
    if item is None:
        conversation = agreement.conversation
        giver_side = conversation.giver_side
        receiver_side = "requester" if giver_side == "owner" else "owner"
        giver, receiver = account_of(_holder(conversation, giver_side)), account_of(_holder(conversation, receiver_side))
        if giver.id == receiver.id:
            return
        item = AgreementCredit(agreement_id=agreement.id, giver_account_id=giver.id, receiver_account_id=receiver.id,
                               minutes=agreement.minutes, status="pending", first_done_at=now, first_done_side=side)
        db.session.add(item)
        db.session.flush()
    if agreement.status == "done" and item.status == "pending":
        credit(actor, item, now)


def credit(actor, item: AgreementCredit, now: datetime) -> bool:
    """Move the hours in a savepoint: a hard limit leaves the agreement done and the credit pending, with the
    reason (the hourly command tries again; a coordinator may raise the limit). True when credited."""
    try:
        with db.session.begin_nested():
            credits.claim(AgreementCredit, item, "credited", credited_at=now, blocked_reason="")
            entry = credits.pay(actor, item.receiver_account, item.giver_account, item.minutes,
                                memo=item.agreement.title, source=f"exchanges.agreement:{item.agreement_id}")
            item.entry_id = entry.id
    except Refused as exc:
        item.blocked_reason = str(exc)
        db.session.flush()
        return False
    db.session.flush()
    return True


def due(now: datetime | None = None) -> list[AgreementCredit]:
    """Pending credits to count now: both sides said done, or 72 hours passed since the first one did."""
    from market.exchanges.models import Agreement
    now = now or utcnow()
    return list(db.session.scalars(sa.select(AgreementCredit).join(Agreement).where(
        AgreementCredit.status == "pending",
        sa.or_(Agreement.status.in_(("done", "cancelled")),
               AgreementCredit.first_done_at <= now - rules.SETTLE_AFTER)).order_by(AgreementCredit.id)))


def settle(item: AgreementCredit, now: datetime | None = None) -> bool | None:
    """For the hourly command: credit a due one (True; False when a limit holds it back). An agreement cancelled
    meanwhile cancels its credit (None)."""
    now = now or utcnow()
    if item.agreement.status == "cancelled":
        credits.claim(AgreementCredit, item, "cancelled")
        return None
    if item.agreement.status != "done" and not rules.due_for_settling("recorded", item.first_done_at, now):
        raise Refused(_("Ces heures ne sont pas encore à compter."))
    return credit(None, item, now)


def can_contest(user, item: AgreementCredit, now: datetime | None = None) -> bool:
    """The side that has not said "done" yet, while the 72 hours run."""
    now = now or utcnow()
    if item.status != "pending" or item.agreement.status == "done":
        return False
    side = exchange_permissions.side_of(user, item.agreement.conversation)
    return side is not None and side != item.first_done_side and \
        not rules.due_for_settling("recorded", item.first_done_at, now)


def contest(actor, item: AgreementCredit, reason: str, now: datetime | None = None) -> AgreementCredit:
    if not can_contest(actor, item, now):
        if exchange_permissions.side_of(actor, item.agreement.conversation) is None:
            raise NotAllowed()
        raise Refused(_("Ces heures ne peuvent plus être contestées."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused(_("Dites ce qui ne va pas : l'équipe de coordination le lira."))
    credits.claim(AgreementCredit, item, "contested", contest_reason=reason[:1000])
    db.session.flush()
    return item


def decide(actor, item: AgreementCredit, count: bool, now: datetime | None = None) -> AgreementCredit:
    """A coordinator counts the contested hours anyway, or drops them."""
    if not permissions.can_correct(actor):
        raise NotAllowed()
    if item.status != "contested":
        raise Refused(_("Ces heures ne sont pas contestées."))
    credits.claim(AgreementCredit, item, "pending")
    if count:
        if not credit(actor, item, now or utcnow()):
            raise Refused(item.blocked_reason)
    else:
        credits.claim(AgreementCredit, item, "cancelled")
    db.session.flush()
    return item


def contested() -> list[AgreementCredit]:
    return list(db.session.scalars(sa.select(AgreementCredit).where(AgreementCredit.status == "contested")
                                   .order_by(AgreementCredit.first_done_at)))
