"""`search_listings` on PostgreSQL: the same filters, facets, sorts, relevance, highlights and
suggestion as whoosh's (market/search/service.py), from the stored vectors and their GIN index.

Relevance as in whoosh: listings having more of the words in their title or tags first (when
no listing has every word, those having more of the words at all), newest first among equals.
"""
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import commune_filter_codes, public_condition
from market.search.pg import facets, highlights, names
from market.search.pg.sql import LISTING_VECTOR, any_of, matches
from market.search.pg.suggest import suggest
from market.search.pg.words import Query, analyse, any_lexeme, tsquery


@dataclass
class Words:
    docs: list  # per word: the listing has it (any text, its commune's or organisation's name)
    strong: list  # per word: in its title or tags


def word_conditions(query: Query) -> Words:
    docs, strong = [], []
    for group, org_ids in zip(query.groups, names.organization_ids(query.groups)):
        either = [matches(LISTING_VECTOR, tsquery(group))]
        if org_ids:
            either.append(any_of(Listing.organization_id, org_ids, sa.Integer))
        codes = names.commune_codes(group)
        if codes:
            either.append(any_of(Listing.commune_code, codes))
        docs.append(sa.or_(*either))
        strong.append(matches(LISTING_VECTOR, tsquery(group, "AB")))
    return Words(docs, strong)


def filter_conditions(filters: dict) -> dict:
    """{filter key: condition}: facets drop their own (kind, category, terms, commune)."""
    out = {key: getattr(Listing, key) == filters[key] for key in ("kind", "category", "terms") if key in filters}
    codes = commune_filter_codes(filters)
    if codes is not None:
        out["commune"] = any_of(Listing.commune_code, codes or ["-"])
    if filters.get("urgent"):
        out["urgent"] = Listing.urgent.is_(True)
    if "organization" in filters:
        from market.accounts.models import Organization
        out["organization"] = Listing.organization.has(Organization.slug == filters["organization"])
    return out


def _order(sort: str, features: list):
    if sort == "expiring":
        return [Listing.expires_at.asc(), Listing.id.asc()]
    newest = [Listing.published_at.desc(), Listing.id.desc()]
    if sort == "relevance" and features:
        return [sum(sa.cast(f, sa.Integer) for f in features).desc(), *newest]
    return newest


def search_listings(filters: dict, page: int, per_page: int, sort: str):
    """A SearchResult, or None when the words hold nothing searchable (the caller browses by SQL)."""
    from market.search.service import SearchResult
    query = analyse(filters.get("q") or "")
    if filters.get("q") and not query.groups:
        return None
    words = word_conditions(query) if query.groups else None
    conditions = filter_conditions(filters)
    public, relaxed = public_condition(), False
    matched = sa.and_(*words.docs) if words else sa.true()
    counts = facets.count([public, matched], conditions)
    if words and not counts.matched and len(words.docs) > 1:
        relaxed, matched = True, sa.or_(*words.docs)
        counts = facets.count([public, matched], conditions)
    features = (words.strong + words.docs * 2 if relaxed else words.strong) if words else []
    stmt = (sa.select(Listing).where(public, matched, *conditions.values()).order_by(*_order(sort, features))
            .limit(per_page).offset((page - 1) * per_page)
            .options(joinedload(Listing.organization), joinedload(Listing.author)))
    items = list(db.session.scalars(stmt))
    result = SearchResult(items=items, total=counts.total, facets=counts.facets, page=page, per_page=per_page,
                          sort=sort, relaxed=relaxed, engine="postgres")
    if words:
        result.highlights, result.titles = highlights.highlight(items, any_lexeme(query))
        result.suggestion = suggest(filters["q"])
    return result
