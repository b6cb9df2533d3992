"""The observatory's figures of the ressourcerie: items handed over, kilos reused, CO₂e avoided (corrections count, signed)."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.ressourcerie.labels import rlabel
from market.ressourcerie.models import Batch, Handover
from market.ressourcerie.rules import co2e_g


def _handovers(start, end):
    return db.session.execute(sa.select(Handover.created_at, Batch.commune_code, Handover.category,
                                        Handover.quantity, Handover.weight_g)
                              .join(Batch, Batch.id == Handover.batch_id)
                              .where(Handover.created_at >= start, Handover.created_at < end)).all()


def items(start, end):
    return [FigureRow(at, commune, quantity, rlabel("category", category))
            for at, commune, category, quantity, _ in _handovers(start, end)]


def weight(start, end):
    return [FigureRow(at, commune, grams, rlabel("category", category))
            for at, commune, category, _, grams in _handovers(start, end)]


def co2e(start, end):
    return [FigureRow(at, commune, co2e_g(category, grams), rlabel("category", category))
            for at, commune, category, _, grams in _handovers(start, end)]


register_section("ressourcerie", _l("Ressourcerie : le réemploi entre membres"), order=40)
register_figure("ressourcerie.items", "ressourcerie", _l("Objets remis à un autre membre"), items,
                category_label=_l("Catégorie"), order=10)
register_figure("ressourcerie.weight", "ressourcerie", _l("Poids réemployé (estimation)"), weight, unit="grams",
                category_label=_l("Catégorie"), order=20)
register_figure("ressourcerie.co2e", "ressourcerie", _l("CO₂e évité (estimation)"), co2e, unit="grams",
                category_label=_l("Catégorie"), order=30)
