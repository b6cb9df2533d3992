"""One statement for the counts of a page of results: the matching listings are grouped once by
their facet values and by which filters they pass (a bitmask), and every count follows from
those few groups: the total, the number matching the words alone, and each facet under every
filter but its own. Any `extra_parts` rows come in the same statement.

With words, the groups also count the listings passing every filter by relevance score (their
tier), and the page is read after them, tier by tier (market/search/pg/pages.py): storing every
match for the page in the same statement cost more than reading the page again. Without words
(browsing), the groups scan the public listings and the page, in the same statement, walks the
dates' index.
"""
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
    valid_until: int | None = None  # epoch seconds when the first of these listings expires (None: none)
    tiers: dict = field(default_factory=dict)  # relevance score -> listings passing every filter with it
    estimated: bool = False  # total, facets and tiers estimated from a sample (market/search/pg/sample.py)

    def copy(self) -> "Counts":
        """A copy the caller may change (a cached value is shared)."""
        return Counts(self.total, self.matched, {facet: dict(values) for facet, values in self.facets.items()},
                      list(self.page_ids), list(self.extra), self.valid_until, estimated=self.estimated)


TIER = 1 << 16  # a group's mask carries its relevance score above the filters' bits


def _mask(flags: list, tier=None):
    """Which filters a listing passes, one bit each (0 when there is no filter), plus `tier` times
    TIER when given (the relevance score of those passing every filter, -1 for the others)."""
    mask = sum((sa.case((flag, 1 << i), else_=0) for i, flag in enumerate(flags)), sa.literal(0))
    return mask if tier is None else mask + tier * TIER


def epoch(when):
    return sa.cast(sa.func.floor(sa.extract("epoch", when)), sa.BigInteger)


def groups(columns: dict, flags: list, where=(), tier=None) -> sa.Select:
    """('group', kind, category, terms, commune_code, mask, count, first end) rows over `columns`'
    source; the first end (epoch seconds of the earliest `expires_at`): until then, the counts
    stand (only a write, or that date passing, changes them). `tier`: see _mask."""
    mask = _mask(flags, tier)
    keys = [columns[facet] for facet in FACETS]
    text = sa.String()
    return (sa.select(sa.literal("group", text), *(sa.cast(k, text) for k in keys), mask, sa.func.count(),
                      epoch(sa.func.min(columns["expires_at"])))
            .where(*where).group_by(*keys, mask))


def page_part(ids: sa.Select) -> sa.Select:
    """('page', id, ..., position, NULL) rows from a select of (id, position)."""
    picked = ids.subquery()
    text = sa.String()
    return sa.select(sa.literal("page", text), sa.cast(picked.c.id, text), sa.null(), sa.null(), sa.null(),
                     sa.null(), picked.c.n, sa.null())


def numbered(select_ids: sa.Select) -> sa.Select:
    """(id, position) of an ordered, limited select of ids: numbered after the LIMIT (PostgreSQL
    numbers a subquery's rows in their order), so a top-N sort, not a sort of every match."""
    top = select_ids.subquery()
    return sa.select(top.c.id, sa.func.row_number().over().label("n"))


def run(parts: list, filter_keys: list) -> Counts:
    """Execute the UNION of `parts` (group rows, page rows, anything else: Counts.extra) and count."""
    full = (1 << len(filter_keys)) - 1
    own = {facet: (1 << filter_keys.index(key)) if key in filter_keys else 0 for facet, key in FACETS.items()}
    out, page_ids = Counts(), []
    for part, a, b, c, d, mask, number, first_end in db.session.execute(sa.union_all(*parts)):
        if part == "group":
            tier, mask = divmod(mask, TIER)  # floored: -1 and the filters' bits
            out.matched += number
            if first_end is not None and (out.valid_until is None or first_end < out.valid_until):
                out.valid_until = first_end
            if mask == full:
                out.total += number
                out.tiers[tier] = out.tiers.get(tier, 0) + number
            for facet, value in zip(FACETS, (a, b, c, d)):
                if value and mask | own[facet] == full:
                    out.facets[facet][value] = out.facets[facet].get(value, 0) + number
        elif part == "page":
            page_ids.append((number, int(a)))
        else:
            out.extra.append((part, a, b))
    out.page_ids = [ident for _n, ident in sorted(page_ids)]
    out.facets = {facet: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
                  for facet, values in out.facets.items()}
    return out
