"""The observatory's figures about group purchases: purchases confirmed, units bought, money saved together."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.purchasing import rules
from market.purchasing.models import PurchaseGroup


def _confirmed(start, end) -> list[PurchaseGroup]:
    return list(db.session.scalars(sa.select(PurchaseGroup).where(
        PurchaseGroup.status == "confirmed", PurchaseGroup.closed_at >= start, PurchaseGroup.closed_at < end)))


def _commune(group):
    return group.organizer_org.commune_code if group.organizer_org else None


def _count(start, end):
    return [FigureRow(g.closed_at, _commune(g), 1) for g in _confirmed(start, end)]


def _units(start, end):
    return [FigureRow(g.closed_at, _commune(g), g.committed_total) for g in _confirmed(start, end)]


def _saving(start, end):
    """Against every member buying its units alone at the first-tier price."""
    return [FigureRow(g.closed_at, _commune(g), rules.group_saving(g.tiers, g.committed_total))
            for g in _confirmed(start, end)]


register_section("purchasing", _l("Achats groupés"), order=40)
register_figure("purchasing.confirmed", "purchasing", _l("Achats groupés confirmés"), _count, order=10)
register_figure("purchasing.units", "purchasing", _l("Unités achetées ensemble"), _units, order=20)
register_figure("purchasing.saving", "purchasing", _l("Économie réalisée ensemble"), _saving, unit="cents", order=30)
