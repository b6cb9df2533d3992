"""One statement for a page of results: the listings matching the words are read once (a CTE)
with a flag per filter, then counted per facet (each under every filter but its own: one small
GROUP BY each), with the total, the number matching the words alone and the page's ids."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from market.extensions import db

# facet -> the filter it ignores
FACETS = {"kind": "kind", "category": "category", "terms": "terms", "commune_code": "commune"}


@dataclass
class Counts:
    total: int = 0  # under every filter
    matched: int = 0  # under the words alone (whoosh relaxes the words when this is 0)
    facets: dict = field(default_factory=lambda: {facet: {} for facet in FACETS})
    page_ids: list = field(default_factory=list)
    extra: list = field(default_factory=list)  # the rows of `extra_parts`


def _all(conditions):
    return sa.and_(*conditions) if conditions else sa.true()


def page_and_counts(source: sa.Select, filters: dict, score, order, limit: int, offset: int,
                    page: sa.Select | None = None, extra_parts=()) -> Counts:
    """`source`: the listings matching the words (a select of Listing columns); `filters`:
    {filter key: condition on Listing}; `score`: the relevance column (only computed for the
    listings passing every filter); `order(c)`: the page's sort keys on the CTE's columns.
    `page`: a select of the page's ids, position (instead of picking them from the CTE).
    `extra_parts`: more selects of three text-ish columns, run in the same statement (Counts.extra)."""
    keys = list(filters)
    flags = [filters[k].label(f"f{i}") for i, k in enumerate(keys)]
    every = _all(list(filters.values()))
    matched = source.add_columns(*flags, sa.case((every, score), else_=None).label("score")).cte("matched")
    flag = {k: matched.c[f"f{i}"] for i, k in enumerate(keys)}
    ok = _all(list(flag.values()))
    text = sa.String()
    parts = [sa.select(sa.literal(facet, text), sa.cast(matched.c[facet], text), sa.func.count())
             .where(_all([f for k, f in flag.items() if k != key])).group_by(matched.c[facet])
             for facet, key in FACETS.items()]
    parts.append(sa.select(sa.literal("total", text), sa.null(), sa.func.count()).select_from(matched).where(ok))
    parts.append(sa.select(sa.literal("matched", text), sa.null(), sa.func.count()).select_from(matched))
    if page is None:
        top = sa.select(matched.c.id).where(ok).order_by(*order(matched.c)).limit(limit).offset(offset).subquery()
        # numbered after the LIMIT (a top-N sort, not a sort of every match); PostgreSQL numbers
        # a subquery's rows in their order
        picked = sa.select(top.c.id, sa.func.row_number().over().label("n")).subquery()
    else:
        picked = page.subquery()
    parts.append(sa.select(sa.literal("page", text), sa.cast(picked.c.id, text), picked.c.n))
    parts += extra_parts
    out, page_ids = Counts(), []
    for facet, value, number in db.session.execute(sa.union_all(*parts)):
        if facet == "total":
            out.total = number
        elif facet == "matched":
            out.matched = number
        elif facet == "page":
            page_ids.append((number, int(value)))
        elif facet not in FACETS:
            out.extra.append((facet, value, number))
        elif value and number:
            out.facets[facet][value] = number
    out.page_ids = [ident for _n, ident in sorted(page_ids)]
    out.facets = {facet: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                  for facet, values in out.facets.items()}
    return out
