"""The observatory's figures about listings: offers and needs published, and those met."""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from market.extensions import db
from market.figures import FigureRow, register_figure, register_section
from market.labels import label
from market.listings.models import Listing


def published(kind):
    def rows(start, end):
        found = db.session.execute(sa.select(Listing.published_at, Listing.commune_code, Listing.category).where(
            Listing.kind == kind, Listing.published_at >= start, Listing.published_at < end)).all()
        return [FigureRow(at, commune, 1, label("category", category)) for at, commune, category in found]
    return rows


def met(start, end):
    """Listings their owner closed as fulfilled; the day is that of the last change (the closing)."""
    found = db.session.execute(sa.select(Listing.updated_at, Listing.commune_code, Listing.kind).where(
        Listing.status == "closed", Listing.close_reason == "fulfilled",
        Listing.updated_at >= start, Listing.updated_at < end)).all()
    return [FigureRow(at, commune, 1, label("kind", kind)) for at, commune, kind in found]


register_section("listings", _l("Offres et besoins"), order=20)
register_figure("listings.offers", "listings", _l("Offres publiées"), published("offer"),
                category_label=_l("Catégorie"), order=10)
register_figure("listings.needs", "listings", _l("Besoins publiés"), published("need"),
                category_label=_l("Catégorie"), order=20)
register_figure("listings.met", "listings", _l("Annonces satisfaites"), met, category_label=_l("Type"), order=30)
