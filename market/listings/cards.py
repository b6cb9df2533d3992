"""Cards of listings for the pages that show many: read as columns (no ORM objects) by a statement
built once per process, and each card's HTML kept per listing, language and version (what the card
shows), so a page of 20 cards runs the card macro only for the cards it has not shown yet."""
from collections import namedtuple
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app, request, url_for
from markupsafe import Markup

from market import geo
from market.accounts.models import Organization, User
from market.i18n import translations
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.statements import autocommit_rows
from market.types import utcnow

# what a card shows, and what a search result's highlights are cut from
FIELDS = ("id", "kind", "category", "terms", "price_cents", "urgent", "title", "description", "tags", "amenities",
          "schedule", "commune_code", "published_at", "created_at")
KEPT = 5000  # cards kept per process (~1.5 KB each); all are forgotten when it is full
_kept: dict = {}


class Card(namedtuple("Card", (*FIELDS, "owner_name"))):
    """A public listing as its card shows it, with the attribute names of Listing (read only)."""

    __slots__ = ()

    @property
    def commune_name(self) -> str:
        commune = geo.get(self.commune_code)
        return commune.name if commune else self.commune_code

    @property
    def url(self) -> str:
        return url_for("listings.show", listing_id=self.id)

    def is_public(self) -> bool:
        return True  # read through public_condition


def _as_cards(stmt: sa.Select) -> sa.Select:
    """`stmt` (a select of Listing) reading only the card's columns, the owner's name joined."""
    owner = sa.case((Listing.organization_id.is_(None), User.display_name), else_=Organization.name)
    return (stmt.with_only_columns(*(getattr(Listing, name) for name in FIELDS), owner.label("owner_name"))
            .join(User, User.id == Listing.author_id)
            .outerjoin(Organization, Organization.id == Listing.organization_id))


@lru_cache(maxsize=128)
def _by_ids(count: int) -> sa.Select:
    """Built once per page size, with one parameter per id: SQLAlchemy finds it compiled and the
    driver its prepared form, where an expanding IN is rewritten at every execution."""
    ids = [sa.bindparam(f"id{n}") for n in range(count)]
    return _as_cards(sa.select(Listing).where(public_condition(sa.bindparam("now")), Listing.id.in_(ids)))


def public_cards(ids: list[int]) -> list[Card]:
    """The public listings among `ids`, in that order (a search's page): one query."""
    if not ids:
        return []
    params = {f"id{n}": i for n, i in enumerate(ids)}
    rows = autocommit_rows(_by_ids(len(ids)), {"now": utcnow(), **params})
    by_id = {row[0]: Card._make(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def version(listing) -> tuple:
    """Everything a card shows of a listing: a card is kept as long as none of it changes."""
    return (listing.id, listing.kind, listing.category, listing.terms, listing.price_cents, listing.urgent,
            listing.title, listing.description, listing.owner_name, listing.commune_code, listing.published_at,
            listing.created_at)


def listing_card(listing, level=3, excerpt=True, title=None, highlight=None) -> Markup:
    """The card macro of _macros/listings.html for `listing` (a Card or a Listing), kept once rendered."""
    return _card((request.script_root, translations()), listing, level, excerpt, title, highlight)


def _card(where: tuple, listing, level=3, excerpt=True, title=None, highlight=None) -> Markup:
    """A card for the script root and catalogue `where` (what every card of a page shares)."""
    key = (*where, level, excerpt, title, highlight, version(listing))
    found = _kept.get(key)
    if found is None:
        macro = current_app.jinja_env.get_template("_macros/listings.html").module.card
        found = macro(listing, level, excerpt, title, highlight)
        if not current_app.debug:  # templates reload in debug: keep nothing
            if len(_kept) >= KEPT:
                _kept.clear()
            _kept[key] = found
    return found


def listing_cards(listings, titles=None, highlights=None) -> Markup:
    """The cards of `listings` one after the other, as `{% for %}{{ listing_card(…) }}{% endfor %}` gives
    them (one call from the template instead of three per card); `titles` and `highlights` by listing id."""
    where, titles, highlights = (request.script_root, translations()), titles or {}, highlights or {}
    return Markup("").join(_card(where, listing, title=titles.get(listing.id), highlight=highlights.get(listing.id))
                           for listing in listings)
