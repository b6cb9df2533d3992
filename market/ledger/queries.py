"""Reads of the ledger: balances from the lines, an account's history, the drift check."""
import sqlalchemy as sa

from market.extensions import db
from market.ledger.models import LedgerAccount, LedgerEntry, LedgerLine


def find_account(book: str, holder: str) -> LedgerAccount | None:
    return db.session.scalar(sa.select(LedgerAccount).where(LedgerAccount.book == book, LedgerAccount.holder == holder))


def balance_from_lines(account_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(LedgerLine.amount), 0))
                             .where(LedgerLine.account_id == account_id))


def history(account_id: int, limit: int = 200) -> list[tuple[LedgerLine, LedgerEntry, int]]:
    """(line, entry, balance after) for the account, newest first."""
    lines = db.session.execute(sa.select(LedgerLine, LedgerEntry).join(LedgerEntry)
                               .where(LedgerLine.account_id == account_id).order_by(LedgerLine.id)).all()
    out, running = [], 0
    for line, entry in lines:
        running += line.amount
        out.append((line, entry, running))
    return list(reversed(out))[:limit]


def other_lines(entry: LedgerEntry, account_id: int) -> list[LedgerLine]:
    return [line for line in entry.lines if line.account_id != account_id]


def drift(book: str | None = None) -> list[str]:
    """What is wrong in the ledger: entries whose lines do not sum to zero, stored balances that differ from
    the sum of their lines. Empty when all is well."""
    problems = []
    entries = sa.select(LedgerLine.entry_id, sa.func.sum(LedgerLine.amount), sa.func.count()).join(LedgerEntry)
    if book:
        entries = entries.where(LedgerEntry.book == book)
    for entry_id, total, count in db.session.execute(entries.group_by(LedgerLine.entry_id)):
        if total != 0 or count < 2:
            problems.append(f"entry {entry_id}: {count} line(s) summing to {total}")
    sums = (sa.select(LedgerLine.account_id, sa.func.sum(LedgerLine.amount).label("total"))
            .group_by(LedgerLine.account_id).subquery())
    accounts = (sa.select(LedgerAccount.id, LedgerAccount.book, LedgerAccount.holder, LedgerAccount.balance,
                          sa.func.coalesce(sums.c.total, 0))
                .outerjoin(sums, sums.c.account_id == LedgerAccount.id))
    if book:
        accounts = accounts.where(LedgerAccount.book == book)
    for account_id, account_book, holder, stored, total in db.session.execute(accounts):
        if stored != total:
            problems.append(f"account {account_id} ({account_book}:{holder}): stored {stored}, lines {total}")
    return problems
