"""The observatory's figures about membership: structures paid up for the year (by type, sector and commune),
and, for the coordination, the fees received."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.accounts.models import Organization
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.labels import label
from market.ledger.models import LedgerAccount, LedgerEntry, LedgerLine
from market.membership import rules
from market.membership.models import Adhesion, Payment
from market.types import split_labels


def _paid_up(end):
    """Structures paid up, on the period's last day, for that day's year (dated when they became so)."""
    return db.session.execute(
        sa.select(Adhesion.paid_up_at, Organization.commune_code, Organization.legal_form, Organization.sectors)
        .join(Organization, Organization.id == Adhesion.organization_id)
        .where(Adhesion.year == rules.year_of_period_end(end), Adhesion.paid_up_at.is_not(None),
               Adhesion.paid_up_at < end)).all()


def by_type(start, end):
    return [FigureRow(at, commune, 1, label("legal_form", form)) for at, commune, form, _ in _paid_up(end)]


def by_sector(start, end):
    """One row per (structure, sector): a structure of two sectors counts in both."""
    return [FigureRow(at, commune, 1, sector.lower()) for at, commune, _, sectors in _paid_up(end)
            for sector in split_labels(sectors)]


def fees(start, end):
    """Each payment handed over in the period, less its cancellation if any, on the day it was received."""
    first, last = start.astimezone(rules.PARIS).date(), end.astimezone(rules.PARIS).date()
    entries = sa.or_(LedgerEntry.id == Payment.entry_id, LedgerEntry.reverses_id == Payment.entry_id)
    found = db.session.execute(
        sa.select(Payment.paid_on, Organization.commune_code, Payment.method, sa.func.sum(LedgerLine.amount))
        .join(Organization, Organization.id == Payment.organization_id)
        .join(LedgerEntry, entries)
        .join(LedgerLine, LedgerLine.entry_id == LedgerEntry.id)
        .join(LedgerAccount, sa.and_(LedgerAccount.id == LedgerLine.account_id, LedgerAccount.holder != rules.NETWORK))
        .where(Payment.paid_on >= first, Payment.paid_on < last)
        .group_by(Payment.id, Payment.paid_on, Organization.commune_code, Payment.method)).all()
    return [FigureRow(rules.day_moment(day), commune, total, str(rules.METHODS.get(method, method)))
            for day, commune, method, total in found if total]


register_section("membership", _l("Adhésions au réseau"), order=15)
register_figure("membership.paid_up", "membership", _l("Structures à jour de leur cotisation"), by_type,
                category_label=_l("Type de structure"), stock=True, order=10)
register_figure("membership.paid_up_sectors", "membership", _l("Structures à jour et leurs secteurs d'activité"), by_sector,
                category_label=_l("Secteur"), stock=True, order=20)
register_figure("membership.fees", "membership", _l("Cotisations reçues"), fees, unit="cents",
                category_label=_l("Mode de paiement"), public=False, order=30)
