"""The page of a words search, read once its counts are known (market/search/pg/listings.py).

The counts tell how many listings passing every filter have each relevance score (a tier: how
many of the words are in their title or tags). The page takes the tiers from the best, each newest
first. A tier spread through the table (common words) is read among the newest listings only,
as deep as its share of the table says the page needs: a few hundred rows instead of every
match. A rare tier is read through the words' index.
"""
import math
import time

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing

SLACK = 2  # walk twice as deep as the tier's share of the table says, against an uneven spread
MIN_DEPTH = 50
WALK_COST = 4  # a row walked costs about four read through the words' index (every condition checked on it)
NEWEST = (Listing.published_at.desc(), Listing.id.desc())
_TABLE = {"at": -1e9, "rows": 0.0}


def walk_depth(wanted: int, tier_size: int, table_rows: float, matched: int) -> int | None:
    """How many of the newest listings to read to find the newest `wanted` of a tier of `tier_size`,
    or None when reading every match (`matched`) through the words' index costs less."""
    if tier_size <= 0 or table_rows <= 0:
        return None
    depth = math.ceil(wanted * table_rows / tier_size * SLACK) + MIN_DEPTH
    return depth if depth * WALK_COST < matched else None


def table_rows() -> float:
    """PostgreSQL's estimate of the listings' rows (-1 before any ANALYZE), read every 5 minutes."""
    if time.monotonic() - _TABLE["at"] > 300:
        _TABLE["rows"] = db.session.execute(
            sa.text("SELECT reltuples FROM pg_class WHERE oid = 'listings'::regclass")).scalar() or 0.0
        _TABLE["at"] = time.monotonic()
    return _TABLE["rows"]


def page_ids(tiers: dict, matched: int, where: list, tier, page: int, per_page: int) -> list[int]:
    """The page's ids among the listings meeting `where` (public, the words): by `tier` (their
    relevance score when they pass every filter, whose counts are `tiers`), then newest first."""
    skip, left, out = (page - 1) * per_page, per_page, []
    for score in sorted(tiers, reverse=True):
        if skip >= tiers[score]:
            skip -= tiers[score]
            continue
        take = min(tiers[score] - skip, left)
        out += _tier_ids([*where, tier == score], skip, take, tiers[score], matched)
        skip, left = 0, left - take
        if not left:
            break
    return out


def _tier_ids(where: list, skip: int, take: int, size: int, matched: int) -> list[int]:
    depth = walk_depth(skip + take, size, table_rows(), matched)
    if depth is not None:
        cutoff = db.session.execute(sa.select(Listing.published_at).where(Listing.published_at.is_not(None))
                                    .order_by(Listing.published_at.desc()).offset(depth - 1).limit(1)).scalar()
        if cutoff is not None:  # None: the table is shorter than the walk, read the tier whole
            newest = sa.or_(Listing.published_at >= cutoff, Listing.published_at.is_(None))
            # `IS TRUE`: checked on the newest rows only, not ANDed with the words' whole index
            ids = _ids([sa.and_(*where).is_(True), newest], skip, take)
            if len(ids) == take:  # else the tier is older than its share said: read it whole
                return ids
    return _ids(where, skip, take)


def _ids(where: list, skip: int, take: int) -> list[int]:
    return db.session.execute(sa.select(Listing.id).where(*where).order_by(*NEWEST).offset(skip).limit(take)
                              ).scalars().all()
