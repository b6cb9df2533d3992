"""One statement for a page of results: the listings matching the words are read once (a CTE),
then counted per facet (GROUPING SETS, each facet under every filter but its own, with the
total and the number matching the words alone) while an InitPlan picks the page's ids from them."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import aggregate_order_by

from market.extensions import db

# facet -> the filter it ignores
FACETS = {"kind": "kind", "category": "category", "terms": "terms", "commune_code": "commune"}


@dataclass
class Counts:
    total: int = 0  # under every filter
    matched: int = 0  # under the words alone (whoosh relaxes the words when this is 0)
    facets: dict = field(default_factory=lambda: {facet: {} for facet in FACETS})
    page_ids: list = field(default_factory=list)


def _count(conditions):
    return sa.func.count().filter(sa.and_(*conditions)) if conditions else sa.func.count()


def page_and_counts(matched: sa.CTE, filters: dict, order: list, limit: int, offset: int) -> Counts:
    """`matched`: a CTE of the listings matching the words, with the facet columns; `filters`:
    {filter key: condition on its columns}; `order`: the page's sort keys on its columns."""
    columns = [matched.c[facet] for facet in FACETS]
    page = (sa.select(matched.c.id, *(key.element.label(f"k{i}") for i, key in enumerate(order)))
            .where(*filters.values()).order_by(*order).limit(limit).offset(offset).subquery())
    keys = [getattr(page.c, f"k{i}") for i in range(len(order))]
    ordered_keys = [k.desc() if o.modifier is sa.sql.operators.desc_op else k.asc() for k, o in zip(keys, order)]
    page_ids = sa.select(sa.func.array_agg(aggregate_order_by(page.c.id, *ordered_keys))).scalar_subquery()
    stmt = (sa.select(*columns, *(sa.func.grouping(c) for c in columns),
                      *(_count([c for k, c in filters.items() if k != key]) for key in FACETS.values()),
                      _count(list(filters.values())), sa.func.count(), page_ids)
            .select_from(matched).group_by(sa.func.grouping_sets(*(sa.tuple_(c) for c in columns))))
    out, n = Counts(), len(columns)
    for row in db.session.execute(stmt):
        position = list(row[n:2 * n]).index(0)  # the one column this row is grouped by
        facet, value, number = list(FACETS)[position], row[position], row[2 * n + position]
        if position == 0:
            out.total += row[3 * n]
            out.matched += row[3 * n + 1]
        out.page_ids = row[3 * n + 2] or []
        if value and number:
            out.facets[facet][value] = number
    out.facets = {facet: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                  for facet, values in out.facets.items()}
    return out
