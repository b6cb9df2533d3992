"""Writes of the time bank: post a coup de pouce, answer it, agree, record the hours, confirm or contest,
settle after 72 hours, correct. They take the acting person, flush, never commit."""
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from market.extensions import db
from market.ledger import rules as ledger_rules
from market.ledger import services as ledger
from market.timebank import permissions, rules
from market.timebank.accounts import account_of
from market.timebank.models import HelpExchange, HelpPost
from market.types import utcnow

MAX_MINUTES = 12 * 60


class Refused(Exception):
    """A clear reason shown to the person (the transaction must be rolled back)."""


class NotAllowed(Exception):
    pass


def _holder_for(actor, holder_obj):
    account = account_of(holder_obj)
    if not permissions.can_act_for(actor, account):
        raise NotAllowed()
    return account


def create_post(actor, holder_obj, kind: str, skill: str, title: str, description: str, minutes: int) -> HelpPost:
    if kind not in rules.KINDS or skill not in rules.SKILLS:
        raise Refused(_("Choisissez le type et la compétence dans la liste."))
    account = _holder_for(actor, holder_obj)
    post = HelpPost(kind=kind, skill=skill, title=" ".join(title.split())[:160], description=description.strip(),
                    minutes=minutes, author_id=actor.id, account_id=account.id, status="open", created_at=utcnow())
    db.session.add(post)
    db.session.flush()
    return post


def close_post(actor, post: HelpPost) -> HelpPost:
    if not permissions.can_act_for(actor, post.account):
        raise NotAllowed()
    post.status = "closed"
    db.session.flush()
    return post


def respond(actor, post: HelpPost, holder_obj, message: str, scheduled_on=None) -> HelpExchange:
    """Ask for an offered coup de pouce, or offer to give an asked one; the post's side then agrees."""
    if post.status != "open":
        raise Refused(_("Ce coup de pouce n'est plus proposé."))
    account = _holder_for(actor, holder_obj)
    if account.id == post.account_id:
        raise Refused(_("Vous ne pouvez pas répondre à votre propre coup de pouce."))
    giver, receiver = (post.account_id, account.id) if post.kind == "offer" else (account.id, post.account_id)
    exchange = HelpExchange(post_id=post.id, giver_account_id=giver, receiver_account_id=receiver,
                            requested_by_id=actor.id, message=message.strip(), scheduled_on=scheduled_on,
                            status="requested", created_at=utcnow())
    db.session.add(exchange)
    db.session.flush()
    return exchange


def act(actor, exchange: HelpExchange, action: str, minutes: int | None = None, reason: str = "",
        now: datetime | None = None) -> HelpExchange:
    """Move the exchange by `action` (accept, decline, cancel, record, confirm, contest; a coordinator credits or
    cancels a contested one) for this person."""
    roles = permissions.roles_in(actor, exchange) | ({"coordinator"} if permissions.can_correct(actor) else set())
    if not rules.allowed(exchange.status, action, roles):
        if roles:
            raise Refused(_("Cette action n'est plus possible sur cet échange (il est : %(status)s).",
                            status=rules.STATUSES[exchange.status]))
        raise NotAllowed()
    now = now or utcnow()
    reason = " ".join((reason or "").split())
    if action == "record" and (not minutes or not 0 < minutes <= MAX_MINUTES):
        raise Refused(_("Indiquez la durée du coup de pouce, au plus %(max)d heures.", max=MAX_MINUTES // 60))
    if action == "contest" and not reason:
        raise Refused(_("Dites ce qui ne va pas : l'équipe de coordination le lira."))
    _claim(exchange, action)  # first write of the transaction: a second click (or a second tab) finds it moved
    if action == "record":
        exchange.minutes, exchange.recorded_at, exchange.recorded_by_id = minutes, now, actor.id
    elif action in ("confirm", "credit"):
        credit(actor, exchange, now)
    elif action == "contest":
        exchange.contest_reason = reason
    db.session.flush()
    return exchange


def _claim(exchange: HelpExchange, action: str) -> None:
    """Conditional UPDATE of the status: of two simultaneous actions, only one finds the expected status."""
    new = rules.next_state(exchange.status, action)
    moved = db.session.execute(sa.update(HelpExchange).where(HelpExchange.id == exchange.id,
                                                             HelpExchange.status == exchange.status)
                               .values(status=new).execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise Refused(_("Cet échange vient d'être modifié par ailleurs : rechargez la page."))
    db.session.expire(exchange, ["status"])


def credit(actor, exchange: HelpExchange, now: datetime) -> None:
    """The receiver's account pays the giver's the recorded minutes, in this transaction (LimitReached if a
    hard limit would be passed: the caller rolls back)."""
    try:
        entry = ledger.post(actor, rules.BOOK, ledger_rules.transfer(exchange.receiver_account_id,
                                                                     exchange.giver_account_id, exchange.minutes),
                            memo=exchange.post.title, source=f"timebank.exchange:{exchange.id}")
    except ledger.LimitReached as exc:
        if exc.which == "floor":
            raise Refused(_("Le solde de %(name)s ne peut pas descendre plus bas : ces heures ne peuvent pas être "
                            "comptées. L'équipe de coordination peut relever la limite.",
                            name=exchange.receiver_account.label)) from exc
        raise Refused(_("Le solde de %(name)s a atteint son plafond : ces heures ne peuvent pas être comptées. "
                        "L'équipe de coordination peut relever la limite.", name=exchange.giver_account.label)) from exc
    exchange.entry_id, exchange.credited_at = entry.id, now


def settle_due(now: datetime | None = None) -> list[HelpExchange]:
    """Exchanges recorded 72 hours ago or more and not contested: the ones to credit (one transaction each)."""
    now = now or utcnow()
    due = db.session.scalars(sa.select(HelpExchange).where(HelpExchange.status == "recorded",
                                                           HelpExchange.recorded_at <= now - rules.SETTLE_AFTER)
                             .order_by(HelpExchange.id)).all()
    return [exchange for exchange in due if rules.due_for_settling(exchange.status, exchange.recorded_at, now)]


def settle(exchange: HelpExchange, now: datetime | None = None) -> HelpExchange:
    """Credit one exchange under the 72-hour rule (no one acted: the entry's author is the network)."""
    now = now or utcnow()
    if not rules.due_for_settling(exchange.status, exchange.recorded_at, now):
        raise Refused(_("Cet échange n'est pas encore à compter."))
    _claim(exchange, "confirm")
    credit(None, exchange, now)
    db.session.flush()
    return exchange


def correct(actor, entry, reason: str):
    """A coordinator reverses an entry: a new entry, with who and why, the original kept."""
    if not permissions.can_correct(actor):
        raise NotAllowed()
    try:
        return ledger.reverse(actor, entry, reason)
    except ledger.AlreadyReversed as exc:
        raise Refused(_("Cette écriture a déjà été corrigée.")) from exc
    except ledger.LimitReached as exc:
        raise Refused(_("La correction ferait sortir un compte de ses limites : ajustez d'abord les limites.")) from exc
    except ledger.LedgerError as exc:
        raise Refused(_("Indiquez la raison de la correction.")) from exc


def set_limits(actor, account, hard_floor, hard_ceiling, soft_floor, soft_ceiling):
    if not permissions.can_correct(actor):
        raise NotAllowed()
    if hard_floor is not None and hard_ceiling is not None and hard_floor > hard_ceiling:
        raise Refused(_("Le plancher doit être inférieur au plafond."))
    try:
        return ledger.set_limits(account, hard_floor, hard_ceiling, soft_floor, soft_ceiling)
    except ledger.LimitReached as exc:
        raise Refused(_("Le solde actuel est déjà au-delà de cette limite.")) from exc
