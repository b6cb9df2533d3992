"""The observatory's figures about members: organisations by type of structure, sector and commune."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.accounts.models import Organization
from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.labels import label
from market.types import split_labels

COUNTED = ("verified",)  # suspended or pending structures are not counted as members of the network


def _organizations(end):
    return db.session.execute(sa.select(Organization.created_at, Organization.commune_code, Organization.legal_form,
                                        Organization.sectors)
                              .where(Organization.status.in_(COUNTED), Organization.created_at < end)).all()


def by_type(start, end):
    return [FigureRow(at, commune, 1, label("legal_form", form)) for at, commune, form, _ in _organizations(end)]


def by_sector(start, end):
    """One row per (structure, sector): a structure of two sectors counts in both."""
    return [FigureRow(at, commune, 1, sector.lower()) for at, commune, _, sectors in _organizations(end)
            for sector in split_labels(sectors)]


register_section("members", _l("Les structures du réseau"), order=10)
register_figure("members.organizations", "members", _l("Structures inscrites et vérifiées"), by_type,
                category_label=_l("Type de structure"), stock=True, order=10)
register_figure("members.sectors", "members", _l("Présence par secteur d'activité"), by_sector,
                category_label=_l("Secteur"), stock=True, order=20)
