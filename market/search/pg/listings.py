"""`search_listings` on PostgreSQL: the same filters, facets, sorts, relevance, highlights and
suggestion as whoosh's (market/search/service.py), from the stored vectors and their GIN index.

Relevance as in whoosh: listings having more of the words in their title or tags first (when
no listing has every word, those having more of the words at all), newest first among equals.
"""
from dataclasses import dataclass
from functools import partial
from itertools import combinations

import sqlalchemy as sa

from market.accounts.models import Organization
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import commune_filter_codes, public_condition
from market.search.pg import cache, facets, highlights, names, pages, sample, vocabulary
from market.search.pg.sql import LISTING_VECTOR, STRONG_VECTOR, any_of, matches
from market.search.pg.suggest import lookup, suggest
from market.search.pg.words import Query, analyse, any_lexeme, tsquery

# for this transaction: the common words' matches kept as an exact bitmap (at a million listings,
# the default 4 MB made it lossy and every listing of its pages was checked again: 2-4 s a search)
MATCHES_MEMORY = sa.text("SET LOCAL work_mem = '64MB'")
COLUMNS = ("id", "kind", "category", "terms", "commune_code", "urgent", "organization_id", "published_at",
           "expires_at")


@dataclass
class Words:
    docs: list  # per word: the listing has it (any text, its commune's or organisation's name)
    strong: list  # per word: in its title or tags


def word_conditions(query: Query) -> Words:
    docs, strong = [], []
    for group in query.groups:
        either = [matches(LISTING_VECTOR, tsquery(group)),
                  Listing.organization_id == sa.any_(names.organization_ids(group))]
        codes = names.commune_codes(group)
        if codes:
            either.append(any_of(Listing.commune_code, codes))
        docs.append(sa.or_(*either))
        strong.append(matches(LISTING_VECTOR, tsquery(group, "AB")))
    return Words(docs, strong)


def filter_conditions(filters: dict, c) -> dict:
    """{filter key: condition on the columns `c`}: facets drop their own (kind, category, terms, commune)."""
    out = {key: c[key] == filters[key] for key in ("kind", "category", "terms") if key in filters}
    codes = commune_filter_codes(filters)
    if codes is not None:
        out["commune"] = any_of(c["commune_code"], codes or ["-"])
    if filters.get("urgent"):
        out["urgent"] = c["urgent"].is_(True)
    if "organization" in filters:
        out["organization"] = c["organization_id"].in_(
            sa.select(Organization.id).where(Organization.slug == filters["organization"]).scalar_subquery())
    return out


def _counts(filters, query: Query, relaxed: bool, sort: str, page: int, per_page: int, extra_parts=()) -> facets.Counts:
    """The counts and the page's ids in one statement (browsing, selective words), or with common
    words the counts by relevance tier and the page after them (market/search/pg/pages.py); with
    very common words (or browsing a large table), counts estimated from a sample (sample.py)."""
    words = word_conditions(query) if query.groups else None  # here: a cached search reads none of it
    listing = {name: getattr(Listing, name) for name in COLUMNS}
    conditions = filter_conditions(filters, listing)
    keys, offset = list(conditions), (page - 1) * per_page
    if not words:
        return _chosen_read_total(_browse(listing, conditions, keys, sort, offset, per_page, extra_parts), filters)
    score = sa.literal(0)
    if sort == "relevance":
        features = words.strong + words.docs * 2 if relaxed else words.strong
        score = sum(sa.cast(f, sa.Integer) for f in features)
    every = sa.and_(*conditions.values()) if conditions else sa.true()
    where = [public_condition(lists=True), sa.or_(*words.docs) if relaxed else sa.and_(*words.docs)]
    # one expression for the groups and the page: as a CASE, the filters are not read through their
    # indexes for the page (PostgreSQL ANDed a whole category's entries with the words' few matches)
    tier, flags = sa.case((every, score), else_=-1), list(conditions.values())
    expected = _expected_matches(query, relaxed)
    rate = None if relaxed else sample.rate_for(expected, len(query.groups))
    counts = _sampled(listing, flags, keys, where, tier, rate, query, sort, page, per_page, extra_parts) if rate else None
    if counts is not None:
        return _chosen_read_total(counts, filters)
    if pages.selective(expected):  # (or a filter too narrow for the sample)
        return _stored(listing, conditions, keys, where, every, score, sort, offset, per_page, extra_parts)
    db.session.execute(MATCHES_MEMORY)
    counts = facets.run([facets.groups(listing, flags, where, tier), *extra_parts], keys)
    counts.page_ids = pages.page_ids(counts.tiers, counts.matched, where, tier, sort, page, per_page,
                                     implied=_implied(query, sort, relaxed))
    return counts


def _browse(listing, conditions, keys, sort, offset, per_page, extra_parts) -> facets.Counts:
    """Browsing: the groups scan the public listings (one in `rate` of a large table's: its counts
    estimated), the page, in the same statement, walks the dates' index."""
    flags, public = list(conditions.values()), public_condition(lists=True)
    ids = sa.select(Listing.id).where(public, *flags).order_by(*pages.order(sort)).offset(offset)
    page_part = facets.page_part(facets.numbered(ids.limit(per_page)))
    rate = sample.rate_for(pages.table_rows() / sample.BROWSE_COST, 0)
    if rate:
        reached = min(per_page, sample.MAX_RESULTS - offset)  # as many as the estimated pages reach
        parts = [facets.page_part(facets.numbered(ids.limit(reached)))] if reached > 0 else []
        counts = facets.run([facets.groups(listing, flags, [public, sample.condition(rate)]), *parts, *extra_parts],
                            keys)
        if counts.total >= sample.MIN_SAMPLED:
            sample.scale(counts, rate, {0: counts.total * rate})
            counts.valid_until = _until_page_ends(counts)
            return counts
    return facets.run([facets.groups(listing, flags, [public]), page_part, *extra_parts], keys)


def _chosen_read_total(counts: facets.Counts, filters: dict) -> facets.Counts:
    """Estimated counts: the values chosen count what the total says, as when every listing is counted."""
    if counts.estimated:
        counts.facets.update({facet: {**counts.facets[facet], filters[facet]: counts.total}
                              for facet in ("kind", "category", "terms") if facet in filters})
    return counts


def _until_page_ends(counts: facets.Counts) -> int | None:
    """When estimated counts stop standing: the sample's first end may miss the page's, and a
    cached page must not outlive its listings."""
    ends = [counts.valid_until, db.session.execute(sa.select(facets.epoch(sa.func.min(Listing.expires_at)))
                                                   .where(Listing.id.in_(counts.page_ids))).scalar()]
    return min((end for end in ends if end is not None), default=None)


def _sampled(listing, flags, keys, where, tier, rate, query, sort, page, per_page, extra_parts) -> facets.Counts | None:
    """Counts estimated from one listing in `rate` (market/search/pg/sample.py) and the exact page,
    or None when too few sampled listings pass every filter to estimate from."""
    counts = facets.run([facets.groups(listing, flags, [*where, sample.condition(rate)], tier), *extra_parts], keys)
    if counts.total < sample.MIN_SAMPLED:
        return None

    def count_exactly(score):
        return db.session.execute(sa.select(sa.func.count()).where(
            *where, tier == score, *_strong_at_least(query, score))).scalar()

    top = len(query.groups) if sort == "relevance" else 0
    sample.scale(counts, rate, sample.settle_tiers(counts.tiers, rate, top, count_exactly))
    counts.page_ids = pages.page_ids(counts.tiers, counts.matched, where, tier, sort, page, per_page,
                                     reach=sample.MAX_RESULTS, implied=_implied(query, sort, False))
    counts.valid_until = _until_page_ends(counts)
    return counts


def _implied(query: Query, sort: str, relaxed: bool):
    """What a relevance tier implies of the words in the titles (relaxed, a score counts the words
    anywhere too: nothing)."""
    return partial(_strong_at_least, query) if sort == "relevance" and not relaxed else None


def _strong_at_least(query: Query, score: int) -> list:
    """[Listings with at least `score` of the words in their title or tags], through the index of
    those words (migration 0020): implied by a tier's own condition, it lets PostgreSQL read a rare
    tier (many of the words in the title) from that index instead of every match of the words."""
    if score <= 0:
        return []
    text = " | ".join("(" + " & ".join(f"({tsquery(group)})" for group in chosen) + ")"
                      for chosen in combinations(query.groups, score))
    return [matches(STRONG_VECTOR, text)]


def _expected_matches(query: Query, relaxed: bool) -> int:
    """The listings the words should match, from the vocabulary's counts (names of organisations
    included, of communes not)."""
    counts = vocabulary.document_counts(query.lexemes())
    groups = [sum(min(counts[lex] for lex in alternative) for alternative in group) for group in query.groups]
    return sum(groups) if relaxed else min(groups)


def _stored(listing, conditions, keys, where, every, score, sort, offset, per_page, extra_parts) -> facets.Counts:
    """The matches read once into a CTE that both the groups and the page read."""
    flags = [condition.label(f"f{i}") for i, condition in enumerate(conditions.values())]
    matched = (sa.select(*listing.values(), *flags, sa.case((every, score), else_=None).label("score"))
               .where(*where).cte("matched"))
    c = {name: matched.c[name] for name in (*COLUMNS, "score")}
    passes = [matched.c[f"f{i}"] for i in range(len(flags))]
    by_score = [c["score"].desc()] if sort == "relevance" else []
    ids = (sa.select(matched.c.id).where(*passes).order_by(*by_score, *pages.order(sort, c))
           .limit(per_page).offset(offset))
    return facets.run([facets.groups(c, passes), facets.page_part(facets.numbered(ids)), *extra_parts], keys)


def _cached_counts(cached: bool, query: Query, filters, relaxed, sort, page, per_page,
                   extra_parts=()) -> facets.Counts:
    key = ("counts", sorted(filters.items()), relaxed, sort, page, per_page, bool(extra_parts))
    return cache.counts(key, lambda: _counts(filters, query, relaxed, sort, page, per_page, extra_parts),
                        cached, query.lexemes() if query.groups else None)


def search_listings(filters: dict, page: int, per_page: int, sort: str, cached: bool = True):
    """A SearchResult, or None when the words hold nothing searchable (the caller browses by SQL).
    `cached`: the counts may come from the shared cache (market/search/pg/cache.py)."""
    from market.search.service import SearchResult
    query = analyse(filters.get("q") or "")
    if filters.get("q") and not query.groups:
        return None
    words = bool(query.groups)
    relaxed, found = False, lookup(filters["q"]) if words else None
    counts = _cached_counts(cached, query, filters, relaxed, sort, page, per_page,
                            found.parts() if found else ())
    if words and not counts.matched and len(query.groups) > 1:
        relaxed, rows = True, counts.extra
        counts = _cached_counts(cached, query, filters, relaxed, sort, page, per_page)
        counts.extra = rows
    items, snippets, titles = highlights.load_highlighted(
        counts.page_ids, (lambda weights: any_lexeme(query, weights)) if words else None)
    return SearchResult(items=items, total=counts.total, facets=counts.facets, page=page, per_page=per_page,
                        sort=sort, relaxed=relaxed, engine="postgres", highlights=snippets, titles=titles,
                        estimated=counts.estimated,
                        suggestion=suggest(filters["q"], found, counts.extra) if words else None)
