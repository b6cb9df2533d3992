"""The page of a words search that matches a good share of the listings, read once its counts are
known (market/search/pg/listings.py); for a selective search, the counting statement takes its page
itself (listings._stored): one statement is then cheaper than two.

The counts tell how many listings passing every filter have each relevance score (a tier: how
many of the words are in their title or tags; one tier when sorted by date). The page takes the
tiers from the best, each in the sort's order (newest first, or soonest ending). A tier spread
through the table (common words) is read among the first listings in that order only, as deep as
its share of the table says the page needs: a few hundred rows instead of every match. A rare
tier is read through the words' index.
"""
import math
import time

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.types import utcnow

SELECTIVE = 0.05  # a search expected to match fewer than this share of the listings counts its page itself
SLACK = 2  # walk twice as deep as the tier's share of the table says, against an uneven spread
MIN_DEPTH = 50
# a row walked costs about one read through the words' index: the walk reads the newest listings,
# whose pages every search shares and keeps in memory, where the index reads pages all over the table.
# Measured at a million listings (128 MB of shared buffers): plomberie read its 10,000 matches in
# 38 ms amid other searches, walking 4,000 rows took 5-10; alone, hot, 29 -> 18 ms; at 100,000 the
# benchmark's 200 searches p95 31/29 ms against 32/32 with a cost of 3
WALK_COST = 1
ORDERS = {"newest": (("published_at", "desc"), ("id", "desc")), "expiring": (("expires_at", "asc"), ("id", "asc"))}
LISTING = {"published_at": Listing.published_at, "expires_at": Listing.expires_at, "id": Listing.id}
_TABLE = {"at": -1e9, "rows": 0.0}


def order(sort: str, columns: dict = LISTING) -> tuple:
    """The order within a tier ("relevance": newest first among equals), on `columns`."""
    return tuple(getattr(columns[name], way)() for name, way in ORDERS.get(sort, ORDERS["newest"]))


def selective(expected_matches: int) -> bool:
    """Whether a search expected to match this many listings counts its page in the same statement."""
    rows = table_rows()
    return rows <= 0 or expected_matches < SELECTIVE * rows


def walk_depth(wanted: int, tier_size: int, rows: float, matched: int) -> int | None:
    """How many of the first of `rows` listings in order to read to find the first `wanted` of a tier
    of `tier_size`, or None when reading every match (`matched`) through the words' index costs less."""
    if tier_size <= 0 or rows <= 0:
        return None
    depth = math.ceil(wanted * rows / tier_size * SLACK) + MIN_DEPTH
    return depth if depth * WALK_COST < matched else None


def table_rows() -> float:
    """PostgreSQL's estimate of the listings' rows (-1 before any ANALYZE), read every 5 minutes."""
    if time.monotonic() - _TABLE["at"] > 300:
        _TABLE["rows"] = db.session.execute(
            sa.text("SELECT reltuples FROM pg_class WHERE oid = 'listings'::regclass")).scalar() or 0.0
        _TABLE["at"] = time.monotonic()
    return _TABLE["rows"]


def page_ids(tiers: dict, matched: int, where: list, tier, sort: str, page: int, per_page: int,
             reach: int | None = None, implied=None) -> list[int]:
    """The page's ids among the listings meeting `where` (public, the words): by `tier` (their
    relevance score when they pass every filter, whose counts are `tiers`), then in `sort`'s order;
    none past the first `reach` results when given. `implied(score)`: conditions a tier's listings
    meet anyway, that an index answers (the words in their titles)."""
    skip, out = (page - 1) * per_page, []
    left = per_page if reach is None else min(per_page, reach - skip)
    if left <= 0:
        return out
    for score in sorted(tiers, reverse=True):
        if skip >= tiers[score]:
            skip -= tiers[score]
            continue
        take = min(tiers[score] - skip, left)
        conditions = [*where, tier == score, *(implied(score) if implied else ())]
        out += _tier_ids(conditions, order(sort), skip, take, tiers[score], matched)
        skip, left = 0, left - take
        if not left:
            break
    return out


def _window(first, depth: int):
    """The first `depth` listings in the order whose first key is `first` (ties included), or None
    when the table holds fewer: as a condition on that key."""
    column, soonest = first.element, first.modifier is sa.sql.operators.asc_op
    cutoff = sa.select(column).where(column.is_not(None)).order_by(first).offset(depth - 1).limit(1)
    if soonest:  # the soonest ending among the live listings, through the public listings' index
        cutoff = cutoff.where(Listing.status == "published", Listing.hidden.is_(False), column > utcnow())
    found = db.session.execute(cutoff).scalar()
    if found is None:
        return None
    return column <= found if soonest else sa.or_(column >= found, column.is_(None))  # NULLs first, descending


def _tier_ids(where: list, order_by: tuple, skip: int, take: int, size: int, matched: int) -> list[int]:
    depth = walk_depth(skip + take, size, table_rows(), matched)
    window = _window(order_by[0], depth) if depth is not None else None
    if window is not None:  # None: the table is shorter than the walk, read the tier whole
        # `IS TRUE`: checked on the walked rows only, not ANDed with the words' whole index
        ids = _ids([sa.and_(*where).is_(True), window], order_by, skip, take)
        if len(ids) == take:  # else the tier is further down than its share said: read it whole
            return ids
    return _ids(where, order_by, skip, take)


def _ids(where: list, order_by: tuple, skip: int, take: int) -> list[int]:
    return db.session.execute(sa.select(Listing.id).where(*where).order_by(*order_by).offset(skip).limit(take)
                              ).scalars().all()
