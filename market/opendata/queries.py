"""What open data publishes: the directory's listed organisations and their public listings, nothing else.

Built on the site's own rules (listed_organizations, public_listings): individual volunteers'
listings are left out, since they carry a person's name."""
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from market.accounts.models import Organization
from market.directory.queries import listed_organizations
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_listings

BATCH = 200  # rows fetched at a time when streaming an export


def open_organizations() -> sa.Select:
    return listed_organizations({})


def _listed_ids() -> sa.Select:
    return open_organizations().with_only_columns(Organization.id).order_by(None)


def published_listings(filters: dict | None = None) -> sa.Select:
    """What the site's search shows, newest first, volunteers' own listings left out (feeds, exports).

    A listing of an organisation still waiting for its verification is public once a coordinator
    has approved it, so the feeds carry it as the search does."""
    return (public_listings(filters or {}).where(Listing.organization_id.is_not(None))
            .options(selectinload(Listing.organization)))


def open_listings(filters: dict | None = None) -> sa.Select:
    """Public listings of listed organisations (HSDS: each service points to a published organisation)."""
    return published_listings(filters).where(Listing.organization_id.in_(_listed_ids()))


def open_offers(organization_id: int | None = None) -> sa.Select:
    stmt = open_listings({"kind": "offer"})
    if organization_id is not None:
        stmt = stmt.where(Listing.organization_id == organization_id)
    return stmt


def stream(stmt: sa.Select):
    """Rows of a select a batch at a time: memory stays bounded however many there are."""
    yield from db.session.scalars(stmt.execution_options(yield_per=BATCH))


def open_organization(organization_id: int) -> Organization | None:
    return db.session.scalar(open_organizations().where(Organization.id == organization_id))


def open_offer(listing_id: int) -> Listing | None:
    return db.session.scalar(open_offers().where(Listing.id == listing_id))
