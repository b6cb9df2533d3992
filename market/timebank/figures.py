"""The observatory's figures of the time bank: coups de pouce credited and the hours they moved."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.accounts.models import Organization
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.ledger.models import LedgerAccount
from market.timebank.models import HelpExchange


def _credited(start, end):
    """(credited_at, minutes, the giver's account holder) of every exchange credited in the period."""
    found = db.session.execute(sa.select(HelpExchange.credited_at, HelpExchange.minutes, LedgerAccount.holder)
                               .join(LedgerAccount, LedgerAccount.id == HelpExchange.giver_account_id)
                               .where(HelpExchange.credited_at >= start, HelpExchange.credited_at < end)).all()
    org_ids = {int(h.split(":", 1)[1]) for _, _, h in found if h.startswith("org:")}
    communes = dict(db.session.execute(sa.select(Organization.id, Organization.commune_code)
                                       .where(Organization.id.in_(org_ids))).all()) if org_ids else {}
    return [(at, minutes, communes.get(int(h.split(":", 1)[1])) if h.startswith("org:") else None)
            for at, minutes, h in found]


def exchanges(start, end):
    return [FigureRow(at, commune, 1) for at, _, commune in _credited(start, end)]


def hours(start, end):
    return [FigureRow(at, commune, minutes or 0) for at, minutes, commune in _credited(start, end)]


register_section("timebank", _l("Banque de temps"), order=45)
register_figure("timebank.exchanges", "timebank", _l("Coups de pouce crédités"), exchanges, order=10)
register_figure("timebank.hours", "timebank", _l("Heures échangées sur la banque de temps"), hours, unit="minutes",
                order=20)
