"""Hours moved on the ledger for the time bank (coups de pouce, workshops, agreements): one service, one wording of
the limits; the soft limits' warnings; the conditional UPDATE that lets one of two simultaneous actions through."""
import sqlalchemy as sa
from flask_babel import gettext as _

from market.exchanges.base import ExchangeRefused, NotAllowed
from market.extensions import db
from market.ledger import rules as ledger_rules
from market.ledger import services as ledger
from market.ledger.models import LedgerAccount, LedgerEntry
from market.timebank import rules


__all__ = ["NotAllowed", "Refused"]


class Refused(ExchangeRefused):
    """A clear reason shown to the person (the transaction must be rolled back); the API answers it with a 409."""


def pay(actor, receiver: LedgerAccount, giver: LedgerAccount, minutes: int, memo: str, source: str) -> LedgerEntry:
    """The receiver's account pays the giver's `minutes`, in this transaction. A hard limit (a CHECK constraint of
    the ledger, so even under simultaneous credits) raises Refused: the caller rolls back (or its savepoint)."""
    try:
        return ledger.post(actor, rules.BOOK, ledger_rules.transfer(receiver.id, giver.id, minutes), memo=memo,
                           source=source)
    except ledger.LimitReached as exc:
        if exc.which == "floor":
            raise Refused(_("Le solde de %(name)s ne peut pas descendre plus bas : ces heures ne peuvent pas être "
                            "comptées. L'équipe de coordination peut relever la limite.", name=receiver.label)) from exc
        raise Refused(_("Le solde de %(name)s a atteint son plafond : ces heures ne peuvent pas être comptées. "
                        "L'équipe de coordination peut relever la limite.", name=giver.label)) from exc


def soft_warning(account: LedgerAccount, balance: int | None = None) -> str | None:
    """A sentence when the balance (now, or the one given) is beyond the account's soft limits; None otherwise."""
    balance = account.balance if balance is None else balance
    which = ledger_rules.soft_warning(balance, account.soft_floor, account.soft_ceiling)
    if which == "low":
        return _("Le solde de %(name)s (%(balance)s) est sous le seuil d'alerte de %(limit)s : pensez à donner "
                 "des coups de pouce avant d'en recevoir d'autres.", name=account.label,
                 balance=rules.format_minutes(balance), limit=rules.format_minutes(account.soft_floor))
    if which == "high":
        return _("Le solde de %(name)s (%(balance)s) dépasse le seuil d'alerte de %(limit)s : pensez à demander "
                 "des coups de pouce à votre tour.", name=account.label,
                 balance=rules.format_minutes(balance), limit=rules.format_minutes(account.soft_ceiling))
    return None


def warnings_after(entry: LedgerEntry | None) -> list[str]:
    """The soft-limit warnings of the accounts an entry just moved."""
    if entry is None:
        return []
    out = []
    for line in entry.lines:
        db.session.refresh(line.account, ["balance"])
        sentence = soft_warning(line.account)
        if sentence and line.account.holder != rules.NETWORK:
            out.append(sentence)
    return out


def claim(model, item, new_status: str, **values) -> None:
    """Move `item` to `new_status` only if the database still has the status we read: of two simultaneous
    actions (two clicks, two tabs, the hourly command), one goes through, the other is refused."""
    moved = db.session.execute(sa.update(model).where(model.id == item.id, model.status == item.status)
                               .values(status=new_status, **values)
                               .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        raise Refused(_("Cet échange vient d'être modifié par ailleurs : rechargez la page."))
    db.session.expire(item, ["status", *values])
