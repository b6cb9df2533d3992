"""Lending equipment: request, accept within stock (a write lock per item), pick up, return, remind."""
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy.dialects import postgresql, sqlite

from market.exchanges import notices, permissions, rules
from market.exchanges.base import (ExchangeRefused, FieldsRefused, NotAllowed, acting_side, busy_database,
                                   clean_text, day, ensure, move, other_side, required_text)
from market.exchanges.conversations import start_conversation
from market.exchanges.models import Loan, StockLock
from market.extensions import db
from market.types import utcnow

CHECKLIST = {"complete": _l("Complet (tous les éléments, câbles et accessoires)"), "working": _l("Fonctionne"),
             "clean": _l("Propre"), "undamaged": _l("Sans dégât visible")}


def today():
    return utcnow().astimezone(rules.PARIS).date()


def lock_stock(listing) -> None:
    """Write the item's lock row first: concurrent accepts of the same item now run one after the other.

    PostgreSQL keeps the row locked until commit; SQLite lets one writer at a time (the first write of
    a transaction takes the database's write lock, and our reads that follow see the latest commits).
    """
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.session.execute(insert(StockLock).values(listing_id=listing.id, version=0)
                       .on_conflict_do_nothing(index_elements=["listing_id"]))
    db.session.execute(sa.update(StockLock).where(StockLock.listing_id == listing.id)
                       .values(version=StockLock.version + 1))


def holding(listing, start, end, exclude_id=None, on=None) -> list[tuple]:
    """(first day, last day, quantity) of the loans holding units of this item between start and end."""
    on = on or today()
    stmt = sa.select(Loan.id, Loan.status, Loan.starts_on, Loan.due_on, Loan.quantity).where(
        Loan.listing_id == listing.id, Loan.status.in_(rules.HOLDING_LOAN_STATES), Loan.starts_on <= end)
    out = []
    for loan_id, status, starts_on, due_on, quantity in db.session.execute(stmt):
        last = rules.holding_end(status, due_on, on)
        if loan_id != exclude_id and last is not None and last >= start:
            out.append((starts_on, last, quantity))
    return out


def free_units(listing, start, end, exclude_id=None) -> int:
    return max(listing.quantity - rules.peak_usage(holding(listing, start, end, exclude_id), start, end), 0)


def _sentence(code, params) -> str:
    if code == "due_before_start":
        return _("La date de retour doit suivre la date de retrait.")
    if code == "start_in_past":
        return _("La date de retrait est déjà passée.")
    if code == "too_long":
        return _("Un prêt dure au plus %(days)d jours.", days=params["days"])
    if code == "above_stock":
        return ngettext("Cette annonce ne propose qu'%(num)d exemplaire.",
                        "Cette annonce propose %(num)d exemplaires au plus.", params["stock"])
    return _("Le matériel n'est pas proposé à ces dates.")


def _stock_sentence(free: int, starts_on, due_on) -> str:
    if free == 0:
        return _("Le matériel est déjà entièrement prêté sur cette période (du %(start)s au %(end)s) : "
                 "choisissez d'autres dates.", start=day(starts_on), end=day(due_on))
    return ngettext("Sur cette période, il ne reste qu'%(num)d exemplaire disponible : "
                    "réduisez la quantité ou changez de dates.",
                    "Sur cette période, il ne reste que %(num)d exemplaires disponibles : "
                    "réduisez la quantité ou changez de dates.", free)


# The field of the request form each refusal is about (the person corrects it there).
FIELD_OF = {"due_before_start": "due_on", "start_in_past": "starts_on", "too_long": "due_on",
            "above_stock": "quantity", "not_available": "starts_on"}


def refusals(listing, quantity, starts_on, due_on, exclude_id=None) -> list[tuple[str, str]]:
    """Every reason why this loan cannot be requested, as (form field, sentence) ([] when it can)."""
    problems = [(FIELD_OF.get(c, "starts_on"), _sentence(c, p))
                for c, p in rules.check_loan(quantity, listing.quantity, starts_on, due_on, today(),
                                             listing.available_from, listing.available_until)]
    if starts_on <= due_on and 1 <= quantity <= listing.quantity:
        free = free_units(listing, starts_on, due_on, exclude_id)
        if quantity > free:
            problems.append(("quantity", _stock_sentence(free, starts_on, due_on)))
    return problems


def request_loan(actor, listing, organization, quantity, starts_on, due_on, message="") -> Loan:
    if not permissions.can_borrow(actor, listing):
        raise NotAllowed()
    problems = refusals(listing, quantity, starts_on, due_on)
    if problems:
        raise FieldsRefused(problems)
    conversation = start_conversation(actor, listing, organization)
    loan = Loan(conversation=conversation, listing=listing, requested_by=actor, quantity=quantity, starts_on=starts_on,
                due_on=due_on, deposit_cents=listing.deposit_cents or 0, deposit_state="none",
                message=clean_text(message, 2000), status="requested", created_at=utcnow())
    db.session.add(loan)
    db.session.flush()
    _tell(actor, loan, "owner", "loan_requested", _("Demande de prêt : %(title)s du %(start)s au %(end)s"), loan.message)
    return loan


def accept_loan(actor, loan, deposit_cents=None) -> Loan:
    side = acting_side(actor, loan)
    ensure("loan", loan, "accept", side)
    with busy_database():
        lock_stock(loan.listing)
    free = free_units(loan.listing, loan.starts_on, loan.due_on, exclude_id=loan.id)
    if loan.quantity > free:
        raise ExchangeRefused(_stock_sentence(free, loan.starts_on, loan.due_on))
    move("loan", loan, "accept", side)
    if deposit_cents is not None:
        loan.deposit_cents = deposit_cents
    loan.decided_by, loan.decided_at = actor, utcnow()
    db.session.flush()
    _tell(actor, loan, "requester", "loan_accepted", _("Prêt accepté : %(title)s du %(start)s au %(end)s"))
    return loan


def decline_loan(actor, loan, reason: str) -> Loan:
    side = acting_side(actor, loan)
    ensure("loan", loan, "decline", side)
    reason = required_text(reason, _("Indiquez la raison du refus : elle sera transmise à la personne."))
    move("loan", loan, "decline", side)
    loan.decline_reason, loan.decided_by, loan.decided_at = reason, actor, utcnow()
    db.session.flush()
    _tell(actor, loan, "requester", "loan_declined", _("Prêt refusé : %(title)s du %(start)s au %(end)s"), reason)
    return loan


def cancel_loan(actor, loan, reason: str) -> Loan:
    side = acting_side(actor, loan)
    ensure("loan", loan, "cancel", side)
    reason = required_text(reason, _("Indiquez la raison de l'annulation."))
    move("loan", loan, "cancel", side)
    loan.cancel_reason, loan.cancelled_by_side, loan.cancelled_at = reason, side, utcnow()
    db.session.flush()
    _tell(actor, loan, other_side(side), "loan_cancelled", _("Prêt annulé : %(title)s du %(start)s au %(end)s"), reason)
    return loan


def _checks(codes) -> str:
    return "; ".join(code for code in CHECKLIST if code in (codes or ()))


def pick_up(actor, loan, checklist, note="") -> Loan:
    side = acting_side(actor, loan)
    move("loan", loan, "pick_up", side)
    loan.pickup_checklist, loan.pickup_note = _checks(checklist), clean_text(note, 2000)
    loan.picked_up_at = utcnow()
    loan.deposit_state = rules.deposit_after_pickup(loan.deposit_cents)
    db.session.flush()
    return loan


def return_loan(actor, loan, checklist, note="", keep_deposit=False) -> Loan:
    side = acting_side(actor, loan)
    ensure("loan", loan, "return", side)
    note = clean_text(note, 2000)
    if keep_deposit and loan.deposit_state == "held" and not note:
        raise ExchangeRefused(_("Expliquez dans la note pourquoi la caution est conservée."))
    move("loan", loan, "return", side)
    loan.return_checklist, loan.return_note, loan.returned_at = _checks(checklist), note, utcnow()
    loan.deposit_state = rules.deposit_after_return(loan.deposit_state, keep_deposit)
    db.session.flush()
    _tell(actor, loan, "requester", "loan_returned", _("Retour enregistré : %(title)s"), note)
    return loan


def _fill(title: str, loan) -> str:
    return title % {"title": loan.listing.title, "start": day(loan.starts_on), "end": day(loan.due_on)}


def _tell(actor, loan, sides, kind, title, body=""):
    notices.tell(loan.conversation, sides, kind, _fill(title, loan), loan.url, actor=actor, body=body,
                 context={"loan_id": loan.id}, dedupe_key=f"loan:{loan.id}:{kind}")


REMINDERS = {
    "pickup": ("loan_reminder_pickup", _l("Rappel : retrait demain de « %(title)s » (%(start)s)")),
    "due": ("loan_reminder_due", _l("Rappel : retour prévu demain de « %(title)s » (%(end)s)")),
    "overdue": ("loan_overdue", _l("Retour en retard : « %(title)s » devait être rendu le %(end)s")),
}


def send_reminders(on=None) -> dict:
    """The day before pickup, the day before the due date, and once overdue (run daily by cron)."""
    on = on or today()
    tomorrow = on + timedelta(days=1)
    due = db.session.scalars(sa.select(Loan).where(sa.or_(
        sa.and_(Loan.status == "accepted", Loan.starts_on == tomorrow),
        sa.and_(Loan.status == "picked_up", Loan.due_on <= tomorrow))).order_by(Loan.id)).all()
    counts = {"pickup": 0, "due": 0, "overdue": 0}
    for loan in due:
        which = rules.loan_reminder(loan.status, loan.starts_on, loan.due_on, on)
        if which is None:
            continue
        if which == "overdue":
            move("loan", loan, "mark_overdue", "system")
        kind, title = REMINDERS[which]
        sent = notices.tell(loan.conversation, ("owner", "requester"), kind, _fill(str(title), loan), loan.url,
                            email_template="exchange_reminder", context={"loan_id": loan.id, "reminder": which},
                            dedupe_key=f"loan:{loan.id}:reminder-{which}")
        counts[which] += 1 if sent else 0
    db.session.flush()
    return counts


def loans_for_item(listing) -> list[Loan]:
    return list(db.session.scalars(sa.select(Loan).where(Loan.listing_id == listing.id)
                                   .order_by(Loan.starts_on.desc(), Loan.id.desc())))
