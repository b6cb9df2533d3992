"""Ledger accounts (stored balance kept within its limits by the database), entries and their lines."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.extensions import db
from market.types import UTCDateTime, utcnow


class LedgerAccount(db.Model):
    """One holder's account in one book ("timebank", ...). `balance` is the sum of its lines, moved with
    them in the same transaction; the CHECK constraints refuse any balance beyond the hard limits."""
    __tablename__ = "ledger_accounts"
    __table_args__ = (
        sa.UniqueConstraint("book", "holder", name="uq_ledger_accounts_book_holder"),
        sa.CheckConstraint("hard_floor IS NULL OR balance >= hard_floor", name="above_floor"),
        sa.CheckConstraint("hard_ceiling IS NULL OR balance <= hard_ceiling", name="below_ceiling"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    book: Mapped[str] = mapped_column(sa.String(40))
    holder: Mapped[str] = mapped_column(sa.String(60))  # "org:5", "user:3", "network"
    label: Mapped[str] = mapped_column(sa.String(160), default="")
    balance: Mapped[int] = mapped_column(default=0, server_default="0")
    hard_floor: Mapped[int | None] = mapped_column()
    hard_ceiling: Mapped[int | None] = mapped_column()
    soft_floor: Mapped[int | None] = mapped_column()
    soft_ceiling: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self):
        return f"<LedgerAccount {self.book}:{self.holder} {self.balance}>"


class LedgerEntry(db.Model):
    """A movement: lines that sum to zero. Never edited; a correction is another entry that reverses it."""
    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    book: Mapped[str] = mapped_column(sa.String(40), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="movement")  # movement | correction | welcome
    memo: Mapped[str] = mapped_column(sa.String(300), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[str] = mapped_column(sa.String(80), default="", index=True)  # "timebank.exchange:5"
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reverses_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ledger_entries.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lines: Mapped[list["LedgerLine"]] = relationship(back_populates="entry", order_by="LedgerLine.id")
    created_by = relationship("User")
    reverses: Mapped["LedgerEntry | None"] = relationship(remote_side=[id], foreign_keys=[reverses_id],
                                                          backref=sa.orm.backref("reversed_by", uselist=False))


class LedgerLine(db.Model):
    __tablename__ = "ledger_lines"
    __table_args__ = (sa.CheckConstraint("amount <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_entries.id"), index=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("ledger_accounts.id"), index=True)
    amount: Mapped[int] = mapped_column()

    entry: Mapped[LedgerEntry] = relationship(back_populates="lines")
    account: Mapped[LedgerAccount] = relationship()


@sa.event.listens_for(LedgerLine, "before_update")
@sa.event.listens_for(LedgerLine, "before_delete")
@sa.event.listens_for(LedgerEntry, "before_update")
@sa.event.listens_for(LedgerEntry, "before_delete")
def _history_is_never_edited(_mapper, _connection, target):
    raise HistoryIsFinal(f"{target!r}: ledger history is never edited; post a reversing entry")


class HistoryIsFinal(RuntimeError):
    """Raised when the ORM is asked to change or delete a ledger entry or line."""
