"""The observatory's figures of the time bank: hours credited (coups de pouce, workshops, agreements) by month,
in the giver's commune, by skill; and the coups de pouce and seats credited."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.accounts.models import Organization
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.ledger.models import LedgerAccount
from market.timebank.models import AgreementCredit, HelpExchange, HelpPost
from market.timebank.workshop_models import Workshop, WorkshopSeat

# an agreement's listing names its skill with the listings' domains; the few that differ, in the referential's codes
LISTING_DOMAINS = {"fundraising": "funding"}


def _credited(start, end) -> list[tuple]:
    """(credited_at, minutes, the giver's account holder, skill code, "exchange" | "seat" | "agreement")."""
    from market.exchanges.models import Agreement
    from market.listings.models import Listing
    between = lambda column: sa.and_(column >= start, column < end)  # noqa: E731
    rows = [(*r, "exchange") for r in db.session.execute(
        sa.select(HelpExchange.credited_at, HelpExchange.minutes, LedgerAccount.holder, HelpPost.skill)
        .join(HelpPost, HelpPost.id == HelpExchange.post_id)
        .join(LedgerAccount, LedgerAccount.id == HelpExchange.giver_account_id)
        .where(between(HelpExchange.credited_at), HelpExchange.entry_id.is_not(None)))]
    rows += [(*r, "seat") for r in db.session.execute(
        sa.select(WorkshopSeat.credited_at, WorkshopSeat.minutes, LedgerAccount.holder, Workshop.skill)
        .join(Workshop, Workshop.id == WorkshopSeat.workshop_id)
        .join(LedgerAccount, LedgerAccount.id == Workshop.account_id)
        .where(between(WorkshopSeat.credited_at), WorkshopSeat.entry_id.is_not(None)))]
    rows += [(at, minutes, holder, LISTING_DOMAINS.get(domain, domain or "other"), "agreement")
             for at, minutes, holder, domain in db.session.execute(
        sa.select(AgreementCredit.credited_at, AgreementCredit.minutes, LedgerAccount.holder, Listing.skill_domain)
        .join(Agreement, Agreement.id == AgreementCredit.agreement_id)
        .join(Listing, Listing.id == Agreement.listing_id)
        .join(LedgerAccount, LedgerAccount.id == AgreementCredit.giver_account_id)
        .where(between(AgreementCredit.credited_at), AgreementCredit.entry_id.is_not(None)))]
    return rows


def _communes(rows) -> dict[int, str | None]:
    org_ids = {int(h.split(":", 1)[1]) for _, _, h, _, _ in rows if h.startswith("org:")}
    if not org_ids:
        return {}
    return dict(db.session.execute(sa.select(Organization.id, Organization.commune_code)
                                   .where(Organization.id.in_(org_ids))).all())


def _rows(start, end, amount, kinds=None):
    from market.timebank.skills import labels
    found = [r for r in _credited(start, end) if kinds is None or r[4] in kinds]
    communes = _communes(found)
    names = labels()
    return [FigureRow(at, communes.get(int(h.split(":", 1)[1])) if h.startswith("org:") else None,
                      amount(minutes), names.get(skill, skill)) for at, minutes, h, skill, _kind in found]


def exchanges(start, end):
    return _rows(start, end, lambda minutes: 1, kinds=("exchange", "seat"))


def hours(start, end):
    return _rows(start, end, lambda minutes: minutes or 0)


register_section("timebank", _l("Banque de temps"), order=45)
register_figure("timebank.exchanges", "timebank", _l("Coups de pouce et places d'atelier crédités"), exchanges,
                category_label=_l("Compétence"), order=10)
register_figure("timebank.hours", "timebank", _l("Heures échangées sur la banque de temps"), hours, unit="minutes",
                category_label=_l("Compétence"), order=20)
