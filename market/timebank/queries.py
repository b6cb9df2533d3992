"""Reads of the time bank: posts to browse, a person's exchanges, what waits for them, accounts for coordinators."""
import sqlalchemy as sa

from market.extensions import db
from market.ledger.models import LedgerAccount
from market.timebank import rules
from market.timebank.accounts import existing_account, holders_of
from market.timebank.models import HelpExchange, HelpPost


def open_posts(kind: str | None = None, skill: str | None = None) -> list[HelpPost]:
    query = sa.select(HelpPost).where(HelpPost.status == "open").order_by(HelpPost.created_at.desc())
    if kind in rules.KINDS:
        query = query.where(HelpPost.kind == kind)
    if skill in rules.SKILLS:
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
