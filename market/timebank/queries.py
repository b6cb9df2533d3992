"""Reads of the time bank: posts and workshops to browse, a person's exchanges, seats and agreement credits, what
waits for them, accounts for coordinators."""
import sqlalchemy as sa

from market.extensions import db
from market.ledger.models import LedgerAccount
from market.timebank import rules
from market.timebank.accounts import existing_account, holders_of
from market.timebank.models import AgreementCredit, HelpExchange, HelpPost
from market.timebank.workshop_models import Workshop, WorkshopSeat
from market.types import utcnow


def open_posts(kind: str | None = None, skill: str | None = None) -> list[HelpPost]:
    query = sa.select(HelpPost).where(HelpPost.status == "open").order_by(HelpPost.created_at.desc())
    if kind in rules.KINDS:
        query = query.where(HelpPost.kind == kind)
    if skill:
        query = query.where(HelpPost.skill == skill)
    return list(db.session.scalars(query.limit(200)))


def my_account_ids(user) -> list[int]:
    return [a.id for a in (existing_account(h) for h in holders_of(user)) if a is not None]


def exchanges_of(user) -> list[HelpExchange]:
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(HelpExchange).where(
        sa.or_(HelpExchange.giver_account_id.in_(ids), HelpExchange.receiver_account_id.in_(ids)))
        .order_by(HelpExchange.created_at.desc()).limit(100)))


def to_confirm(user) -> list[HelpExchange]:
    """Hours a giver recorded that this person's side received and has not yet confirmed."""
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(HelpExchange).where(
        HelpExchange.status == "recorded", HelpExchange.receiver_account_id.in_(ids))
        .order_by(HelpExchange.recorded_at)))


def to_answer(user) -> list[HelpExchange]:
    """Requests on this person's posts waiting for a yes or no."""
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(HelpExchange).join(HelpPost).where(
        HelpExchange.status == "requested", HelpPost.account_id.in_(ids)).order_by(HelpExchange.created_at)))


def all_accounts() -> list[LedgerAccount]:
    return list(db.session.scalars(sa.select(LedgerAccount).where(LedgerAccount.book == rules.BOOK)
                                   .order_by(LedgerAccount.label)))


def contested() -> list[HelpExchange]:
    return list(db.session.scalars(sa.select(HelpExchange).where(HelpExchange.status == "contested")
                                   .order_by(HelpExchange.recorded_at)))


def exchanges_on(post: HelpPost) -> list[HelpExchange]:
    """The answers to a post, for its side: requests, slots in line, exchanges under way and done."""
    return list(db.session.scalars(sa.select(HelpExchange).where(HelpExchange.post_id == post.id)
                                   .order_by(HelpExchange.id)))


def upcoming_workshops(skill: str | None = None, limit: int = 50) -> list[Workshop]:
    query = (sa.select(Workshop).where(Workshop.status == "open", Workshop.starts_at > utcnow())
             .order_by(Workshop.starts_at, Workshop.id))
    if skill:
        query = query.where(Workshop.skill == skill)
    return list(db.session.scalars(query.limit(limit)))


def workshops_of(user) -> list[Workshop]:
    """The workshops this person's sides give (to record who came, or cancel)."""
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(Workshop).where(Workshop.account_id.in_(ids))
                                   .order_by(Workshop.starts_at.desc()).limit(50)))


def seats_of(user) -> list[WorkshopSeat]:
    """This person's bookings, and those of the accounts they act for, newest workshop first."""
    ids = my_account_ids(user)
    where = WorkshopSeat.user_id == user.id
    if ids:
        where = sa.or_(where, WorkshopSeat.account_id.in_(ids))
    return list(db.session.scalars(sa.select(WorkshopSeat).join(Workshop).where(where)
                                   .order_by(Workshop.starts_at.desc(), WorkshopSeat.id).limit(100)))


def seats_to_confirm(user) -> list[WorkshopSeat]:
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(WorkshopSeat).where(WorkshopSeat.status == "recorded",
                                                                 WorkshopSeat.account_id.in_(ids))))


def agreement_credits_of(user) -> list[AgreementCredit]:
    ids = my_account_ids(user)
    if not ids:
        return []
    return list(db.session.scalars(sa.select(AgreementCredit).where(
        sa.or_(AgreementCredit.giver_account_id.in_(ids), AgreementCredit.receiver_account_id.in_(ids)))
        .order_by(AgreementCredit.first_done_at.desc()).limit(100)))


def contested_seats() -> list[WorkshopSeat]:
    return list(db.session.scalars(sa.select(WorkshopSeat).where(WorkshopSeat.status == "contested")
                                   .order_by(WorkshopSeat.recorded_at)))
