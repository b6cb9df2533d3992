"""Facet counts in one SQL scan: each facet counted under every filter but its own (GROUPING SETS
with one FILTERed count per facet), with the total and the number matching the words alone."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing

# facet -> (the filter it ignores, its column)
FACETS = {"kind": ("kind", Listing.kind), "category": ("category", Listing.category),
          "terms": ("terms", Listing.terms), "commune_code": ("commune", Listing.commune_code)}


@dataclass
class Counts:
    total: int = 0  # under every filter
    matched: int = 0  # under the words alone (whoosh relaxes the words when this is 0)
    facets: dict = field(default_factory=lambda: {facet: {} for facet in FACETS})


def _count(conditions):
    return sa.func.count().filter(sa.and_(*conditions)) if conditions else sa.func.count()


def count(where: list, filters: dict) -> Counts:
    """Counts over the listings of `where`; `filters`: {filter key: condition} (kind, category,
    terms, commune are dropped from their own facet; any other key applies to every count)."""
    columns = [column for _key, column in FACETS.values()]
    stmt = (sa.select(*columns, *(sa.func.grouping(c) for c in columns),
                      *(_count([c for k, c in filters.items() if k != key]) for key, _column in FACETS.values()),
                      _count(list(filters.values())), sa.func.count())
            .where(*where).group_by(sa.func.grouping_sets(*(sa.tuple_(c) for c in columns))))
    out, n = Counts(), len(columns)
    for row in db.session.execute(stmt):
        position = list(row[n:2 * n]).index(0)  # the one column this row is grouped by
        facet, value, number = list(FACETS)[position], row[position], row[2 * n + position]
        if position == 0:
            out.total += row[3 * n]
            out.matched += row[3 * n + 1]
        if value and number:
            out.facets[facet][value] = number
    out.facets = {facet: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                  for facet, values in out.facets.items()}
    return out
