"""Writes of the ledger: open an account, post an entry, reverse one, set limits. They flush, never commit.

The stored balance moves in the same transaction as the lines, by one `UPDATE ... SET balance = balance +
:amount` per account (in id order, so two movements never deadlock): the database checks the limits on the
new value, after waiting for any other writer of that row. A refused movement raises LimitReached and leaves
the transaction to be rolled back by the caller.
"""
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from market.extensions import db
from market.ledger import rules
from market.ledger.models import LedgerAccount, LedgerEntry, LedgerLine
from market.ledger.queries import find_account
from market.types import utcnow


class LedgerError(Exception):
    pass


class LimitReached(LedgerError):
    """The database refused a balance beyond a hard limit: `which` is "floor" or "ceiling"."""

    def __init__(self, which: str):
        super().__init__(which)
        self.which = which


class AlreadyReversed(LedgerError):
    pass


def account_for(book: str, holder: str, label: str = "", **limits) -> LedgerAccount:
    """The holder's account in this book, opened (with these limits) the first time."""
    account = find_account(book, holder)
    if account is None:
        account = LedgerAccount(book=book, holder=holder, label=label, balance=0, created_at=utcnow(), **limits)
        db.session.add(account)
        db.session.flush()
    return account


def post(actor, book: str, amounts: dict[int, int], memo: str = "", kind: str = "movement", source: str = "",
         reason: str = "", reverses: LedgerEntry | None = None) -> LedgerEntry:
    """Write one entry of lines {account_id: amount} that sum to zero, and move the stored balances."""
    lines = rules.check_balanced(amounts)
    entry = LedgerEntry(book=book, kind=kind, memo=memo[:300], reason=reason, source=source,
                        created_by_id=getattr(actor, "id", None), reverses_id=reverses.id if reverses else None,
                        created_at=utcnow())
    db.session.add(entry)
    try:
        for account_id in sorted(lines):
            db.session.execute(sa.update(LedgerAccount).where(LedgerAccount.id == account_id)
                               .values(balance=LedgerAccount.balance + lines[account_id])
                               .execution_options(synchronize_session=False))
        db.session.flush()
        db.session.add_all([LedgerLine(entry_id=entry.id, account_id=a, amount=lines[a]) for a in sorted(lines)])
        db.session.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        if "above_floor" in text:
            raise LimitReached("floor") from exc
        if "below_ceiling" in text:
            raise LimitReached("ceiling") from exc
        if "reverses_id" in text or "uq_ledger_entries" in text:
            raise AlreadyReversed() from exc
        raise
    for account in db.session.identity_map.values():
        if isinstance(account, LedgerAccount) and account.id in lines:
            db.session.expire(account, ["balance"])
    return entry


def reverse(actor, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """A correction: a new entry with the opposite lines, saying who (`actor`) and why (`reason`)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise LedgerError("reason")
    if entry.reversed_by is not None:
        raise AlreadyReversed()
    amounts = rules.reversal([(line.account_id, line.amount) for line in entry.lines])
    return post(actor, entry.book, amounts, memo=entry.memo, kind="correction", source=entry.source,
                reason=reason, reverses=entry)


def set_limits(account: LedgerAccount, hard_floor=None, hard_ceiling=None, soft_floor=None, soft_ceiling=None):
    """New limits; the database refuses (LimitReached) limits the current balance is already beyond."""
    try:
        db.session.execute(sa.update(LedgerAccount).where(LedgerAccount.id == account.id).values(
            hard_floor=hard_floor, hard_ceiling=hard_ceiling, soft_floor=soft_floor, soft_ceiling=soft_ceiling)
            .execution_options(synchronize_session=False))
    except IntegrityError as exc:
        raise LimitReached("floor" if "above_floor" in str(exc.orig) else "ceiling") from exc
    db.session.expire(account)
    return account
