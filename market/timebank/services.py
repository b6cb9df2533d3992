"""Writes of the time bank's coups de pouce: post one (with n slots or not), answer it, agree, record the hours,
confirm or contest, settle after 72 hours, correct. They take the acting person, flush, never commit."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges.base import busy_database, ExchangeRefused
from market.extensions import db
from market.ledger import services as ledger
from market.places import services as places
from market.places.models import HoldStatus
from market.timebank import credits, notices, permissions, rules, skills
from market.timebank.accounts import account_of
from market.timebank.credits import NotAllowed, Refused
from market.timebank.models import HelpExchange, HelpPost
from market.types import utcnow

__all__ = ["NotAllowed", "Refused"]
MAX_MINUTES = 12 * 60
SLOTS_POOL = "timebank.slots"
SLOT_OFFER_FOR = timedelta(hours=48)


def _holder_for(actor, holder_obj):
    account = account_of(holder_obj)
    if not permissions.can_act_for(actor, account):
        raise NotAllowed()
    return account


def create_post(actor, holder_obj, kind: str, skill: str, title: str, description: str, minutes: int,
                slots: int | None = None) -> HelpPost:
    """An offer or an ask; an offer of `slots` one-to-one coups de pouce holds them in a pool of market/places."""
    if kind not in rules.KINDS or not skills.active_code(skill):
        raise Refused(_("Choisissez le type et la compétence dans la liste."))
    if slots is not None and (kind != "offer" or not 1 <= slots <= rules.MAX_SLOTS):
        raise Refused(_("Proposez entre 1 et %(max)d créneaux.", max=rules.MAX_SLOTS))
    account = _holder_for(actor, holder_obj)
    pool = places.open_pool(SLOTS_POOL, slots, hold_for=None, offer_for=SLOT_OFFER_FOR) if slots else None
    post = HelpPost(kind=kind, skill=skill, title=" ".join(title.split())[:160], description=description.strip(),
                    minutes=minutes, author_id=actor.id, account_id=account.id, status="open",
                    pool_id=pool.id if pool else None, created_at=utcnow())
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
    """Ask for an offered coup de pouce (a slot when it has some, else a place in line), or offer to give an asked
    one; the post's side then agrees."""
    if post.status != "open":
        raise Refused(_("Ce coup de pouce n'est plus proposé."))
    account = _holder_for(actor, holder_obj)
    if account.id == post.account_id:
        raise Refused(_("Vous ne pouvez pas répondre à votre propre coup de pouce."))
    giver, receiver = (post.account_id, account.id) if post.kind == "offer" else (account.id, post.account_id)
    hold = None
    if post.pool_id is not None:
        try:
            with busy_database():
                hold = places.take(actor, post.pool, waitlist=True)
        except ExchangeRefused as exc:
            raise Refused(str(exc)) from exc
    exchange = HelpExchange(post_id=post.id, giver_account_id=giver, receiver_account_id=receiver,
                            requested_by_id=actor.id, message=message.strip(), scheduled_on=scheduled_on,
                            status="waiting" if hold is not None and hold.status == HoldStatus.WAITING else "requested",
                            hold_id=hold.id if hold else None, created_at=utcnow())
    db.session.add(exchange)
    db.session.flush()
    if exchange.status == "requested":
        notices.tell_exchange(exchange, "requested", actor)
    return exchange


def act(actor, exchange: HelpExchange, action: str, minutes: int | None = None, reason: str = "",
        now: datetime | None = None) -> HelpExchange:
    """Move the exchange by `action` (take a freed slot, accept, decline, cancel, record, confirm, contest; a
    coordinator credits or cancels a contested one) for this person."""
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
    if action == "take" and (exchange.hold is None or exchange.hold.status != HoldStatus.OFFERED):
        raise Refused(_("Aucun créneau ne vous est proposé pour l'instant : vous êtes prévenu·e dès qu'il s'en "
                        "libère un."))
    _claim(exchange, action)  # first write of the transaction: a second click (or a second tab) finds it moved
    if action == "record":
        exchange.minutes, exchange.recorded_at, exchange.recorded_by_id = minutes, now, actor.id
    elif action in ("confirm", "credit"):
        credit(actor, exchange, now)
    elif action == "contest":
        exchange.contest_reason = reason
    _follow_slot(actor, exchange, action, now)
    db.session.flush()
    notices.tell_exchange(exchange, NOTICES.get(action, ""), actor)
    return exchange


NOTICES = {"take": "requested", "accept": "agreed", "decline": "declined", "record": "recorded"}


def _follow_slot(actor, exchange: HelpExchange, action: str, now: datetime) -> None:
    """The slot follows the exchange: taken, given back (to the next in line), used once the hours are recorded."""
    hold = exchange.hold
    if hold is None:
        return
    try:
        with busy_database():
            if action == "take":
                places.confirm(actor, hold, now=now)
            elif action in ("decline", "cancel") and hold.status in (HoldStatus.HELD, HoldStatus.OFFERED,
                                                                    HoldStatus.WAITING):
                places.release(actor, hold, now=now)
            elif action == "record" and hold.status == HoldStatus.HELD:
                places.complete(actor, hold, now=now)
    except places.HoldNotActive as exc:
        raise Refused(_("Le délai pour prendre ce créneau est passé : il a été proposé à la personne suivante."))\
            from exc
    except ExchangeRefused as exc:
        raise Refused(str(exc)) from exc


def _claim(exchange: HelpExchange, action: str) -> None:
    """Conditional UPDATE of the status: of two simultaneous actions, only one finds the expected status."""
    credits.claim(HelpExchange, exchange, rules.next_state(exchange.status, action))


def credit(actor, exchange: HelpExchange, now: datetime) -> None:
    """The receiver's account pays the giver's the recorded minutes, in this transaction (Refused if a hard limit
    would be passed: the caller rolls back)."""
    entry = credits.pay(actor, exchange.receiver_account, exchange.giver_account, exchange.minutes,
                        memo=exchange.post.title, source=f"timebank.exchange:{exchange.id}")
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


def lapsed_in_line() -> int:
    """Exchanges waiting for a slot whose offer lapsed (not taken in time): cancelled. Returns how many."""
    from market.places.models import PlaceHold
    stale = db.session.scalars(sa.select(HelpExchange).join(PlaceHold, PlaceHold.id == HelpExchange.hold_id).where(
        HelpExchange.status.in_(("waiting", "requested")),
        PlaceHold.status.in_((HoldStatus.LAPSED, HoldStatus.RELEASED)))).all()
    for exchange in stale:
        credits.claim(HelpExchange, exchange, "cancelled")
    db.session.flush()
    return len(stale)


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
