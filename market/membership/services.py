"""Writes of the membership: the fee schedule, a structure's year and size, payments and their corrections, the
charter signed again, what needs membership. They take the acting person, flush, never commit."""
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from market.accounts.models import CHARTER_VERSION, LEGAL_FORMS
from market.extensions import db
from market.ledger import rules as ledger_rules
from market.ledger import services as ledger
from market.membership import permissions, queries, rules
from market.membership.models import Adhesion, FeeRate, Payment, Requirement
from market.types import utcnow

MAX_FEE_CENTS = 100_000_00


class NotAllowed(PermissionError):
    pass


class Refused(ValueError):
    """What cannot apply as things are; `field` names the form field to show it next to."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.field = field


def _check_year(year: int) -> None:
    if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
        raise Refused(_("Année hors de la période de la plateforme."))


def network_account():
    return ledger.account_for(rules.BOOK, rules.NETWORK, label="Cotisations reçues par le réseau")


def account_of(organization):
    return ledger.account_for(rules.BOOK, f"org:{organization.id}", label=organization.name)


def open_year(organization, year: int, now: datetime | None = None) -> Adhesion:
    """The structure's record for the year, made the first time (last year's size, the charter it signed)."""
    _check_year(year)
    found = queries.adhesion(organization.id, year)
    if found is not None:
        return found
    last = queries.adhesion(organization.id, year - 1)
    values = {"organization_id": organization.id, "year": year, "size": last.size if last else None,
              "charter_version": organization.charter_version,
              "charter_accepted_at": organization.charter_accepted_at, "created_at": now or utcnow()}
    # INSERT ... ON CONFLICT DO NOTHING: of two requests at once, one makes the record, the other then reads it
    db.session.flush()
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    db.session.execute(insert(Adhesion).values(**values)
                       .on_conflict_do_nothing(index_elements=["organization_id", "year"]))
    return queries.adhesion(organization.id, year)


def refresh(adhesion: Adhesion, at: datetime | None = None) -> Adhesion:
    """Paid up when the payments reach the fee (dated `at`, by default now); not any more when they fall short."""
    organization = adhesion.organization
    due = rules.fee(queries.rates(adhesion.year), organization.legal_form, adhesion.size)
    if rules.is_paid_up(due, queries.paid_cents(organization.id, adhesion.year)):
        if adhesion.paid_up_at is None:
            adhesion.paid_up_at = at or utcnow()
    else:
        adhesion.paid_up_at = None
    db.session.flush()
    return adhesion


def set_fees(actor, year: int, amounts: dict) -> int:
    """The year's schedule: {(type, size): cents, or None to leave that cell without a fee}. Returns the number
    of amounts set; the records of the year are then re-checked against it."""
    if not permissions.can_manage(actor):
        raise NotAllowed()
    _check_year(year)
    existing = {(r.structure_type, r.size): r for r in db.session.scalars(sa.select(FeeRate).where(FeeRate.year == year))}
    now, count = utcnow(), 0
    for (structure_type, size), cents in amounts.items():
        if structure_type not in LEGAL_FORMS or size not in rules.SIZES:
            raise Refused(_("Type de structure ou taille inconnus."))
        if cents is not None and not 0 <= cents <= MAX_FEE_CENTS:
            raise Refused(_("Une cotisation est comprise entre 0 et 100 000 €."))
        row = existing.get((structure_type, size))
        if cents is None:
            if row is not None:
                db.session.delete(row)
            continue
        count += 1
        if row is None:
            db.session.add(FeeRate(year=year, structure_type=structure_type, size=size, amount_cents=cents,
                                   updated_by_id=actor.id, updated_at=now))
        elif row.amount_cents != cents:
            row.amount_cents, row.updated_by_id, row.updated_at = cents, actor.id, now
    db.session.flush()
    for adhesion in db.session.scalars(sa.select(Adhesion).where(Adhesion.year == year)):
        refresh(adhesion, now)
    return count


def declare_size(actor, organization, year: int, size: str) -> Adhesion:
    """The structure says its size for the year (its fee follows); once paid, only the coordination changes it."""
    if not permissions.can_declare(actor, organization):
        raise NotAllowed()
    if size not in rules.SIZES:
        raise Refused(_("Choisissez la taille de la structure dans la liste."), "size")
    adhesion = open_year(organization, year)
    if adhesion.paid_up_at is not None and adhesion.size != size and not permissions.can_manage(actor):
        raise Refused(_("La cotisation %(year)d est réglée : pour changer la taille, écrivez à l'équipe de "
                        "coordination.", year=year), "size")
    adhesion.size = size
    return refresh(adhesion)


def record_payment(actor, organization, year: int, amount_cents: int, method: str, paid_on: date,
                   reference: str = "", size: str | None = None) -> Payment:
    """A coordinator records a fee handed over: the payment, its ledger entry, the year paid up if it is now."""
    if not permissions.can_manage(actor):
        raise NotAllowed()
    if not amount_cents or amount_cents <= 0 or amount_cents > MAX_FEE_CENTS:
        raise Refused(_("Indiquez le montant reçu, entre 0,01 et 100 000 €."), "amount")
    if method not in rules.METHODS:
        raise Refused(_("Choisissez le mode de paiement : espèces, chèque ou virement."), "method")
    if size is not None and size not in rules.SIZES:
        raise Refused(_("Choisissez la taille de la structure dans la liste."), "size")
    adhesion = open_year(organization, year)
    if size is not None:
        adhesion.size = size
    payment = Payment(organization_id=organization.id, year=year, method=method, paid_on=paid_on,
                      reference=" ".join((reference or "").split())[:80], recorded_by_id=actor.id, created_at=utcnow())
    entry = ledger.post(actor, rules.BOOK, ledger_rules.transfer(network_account().id, account_of(organization).id,
                                                                 amount_cents),
                        memo=f"cotisation {year} : {method} {payment.reference}".strip(),
                        source=rules.ledger_source(organization.id, year))
    payment.entry_id = entry.id
    db.session.add(payment)
    db.session.flush()
    refresh(adhesion, rules.day_moment(paid_on))
    return payment


def cancel_payment(actor, payment: Payment, reason: str):
    """A payment recorded by mistake: its entry reversed, with who and why; the year re-checked."""
    if not permissions.can_manage(actor):
        raise NotAllowed()
    try:
        correction = ledger.reverse(actor, payment.entry, reason)
    except ledger.AlreadyReversed as exc:
        raise Refused(_("Ce paiement a déjà été annulé.")) from exc
    except ledger.LedgerError as exc:
        raise Refused(_("Indiquez la raison de l'annulation."), "reason") from exc
    refresh(open_year(payment.organization, payment.year))
    return correction


def sign_charter(actor, organization, year: int, now: datetime | None = None) -> Adhesion:
    """The structure signs the charter's current version; the year's record keeps it."""
    if not permissions.can_declare(actor, organization):
        raise NotAllowed()
    now = now or utcnow()
    organization.charter_version, organization.charter_accepted_at = CHARTER_VERSION, now
    adhesion = open_year(organization, year, now)
    adhesion.charter_version, adhesion.charter_accepted_at = CHARTER_VERSION, now
    db.session.flush()
    return adhesion


def set_requirements(actor, required: set[str], known: list[str]) -> None:
    """Which of the `known` actions (market/gates.py) need membership from now on."""
    if not permissions.can_manage(actor):
        raise NotAllowed()
    rows = {r.action: r for r in db.session.scalars(sa.select(Requirement).where(Requirement.action.in_(known)))}
    now = utcnow()
    for action in known:
        row = rows.get(action) or Requirement(action=action)
        if row.required != (action in required) or row.action not in rows:
            row.required, row.updated_by_id, row.updated_at = action in required, actor.id, now
            db.session.add(row)
    db.session.flush()
