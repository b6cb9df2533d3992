"""Search for pages and the API: `search_listings(...)` -> SearchResult, and `similar_listings(listing)`.

The index answers whenever it is available: with words (`q`: relevance, French analysis,
synonyms, suggestions, highlights) and without (browsing: filters, facets and sorts from its
bitsets, ~100 times cheaper than SQL GROUP BYs over 100,000 listings). While it is
unavailable, SQL answers (words with LIKE, no accent folding), with the same filters and
facets, and the page still works.
"""
import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import commune_filter_codes
from market.search import snippets
from market.search.index import IndexUnavailable, get_index
from market.search.masks import IndexMasks, ranked
from market.search.schema import now_ms
from market.search.query import highlight_terms, word_groups
from market.search.sqlsearch import search as sql_search
from market.search.suggest import suggest

log = logging.getLogger(__name__)
SORTS = ("relevance", "newest", "expiring")
FACET_FILTERS = {"kind": "kind", "category": "category", "terms": "terms", "commune_code": "commune"}


@dataclass
class SearchResult:
    items: list
    total: int
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    highlights: dict = field(default_factory=dict)  # listing id -> Markup snippet (escaped, <mark>)
    titles: dict = field(default_factory=dict)  # listing id -> Markup title with <mark>
    page: int = 1
    per_page: int = 20
    sort: str = "newest"
    relaxed: bool = False  # no listing had every word: these have some of them
    engine: str = "sql"
    estimated: bool = False  # total and facets estimated from a sample (PostgreSQL, very common words)


def default_sort(filters: dict, sort: str | None) -> str:
    if sort in SORTS and (sort != "relevance" or filters.get("q")):
        return sort
    return "relevance" if filters.get("q") else "newest"


def search_listings(filters: dict, page: int = 1, per_page: int = 20, sort: str | None = None,
                    load=None, facets: bool = True) -> SearchResult:
    """Public listings matching `filters` (from `clean_filters`), one page of them, with facets.

    `load(ids)`: how the page's public listings are read, in that order (default: Listing objects;
    the browse page reads cards, market/listings/cards.py). `facets=False`: no counts (the home page)."""
    sort = default_sort(filters, sort)
    page, per_page = max(int(page), 1), max(int(per_page), 1)
    index = get_index()
    if getattr(index, "backend", None) == "postgres":  # the database is the index (market/search/pg/)
        found = index.search_listings(filters, page, per_page, sort)
        if found is not None:
            return found
        index = None  # only stop words: browse by SQL, as whoosh does
    if index is not None and (not filters.get("q") or word_groups(filters["q"])):
        try:
            return _index_search(index, filters, page, per_page, sort, load or _load_public, facets)
        except IndexUnavailable:
            pass
        except Exception as exc:  # noqa: BLE001 - a broken index never breaks the page
            log.exception("search failed in the index; answering with SQL")
            index.index_failed(exc)
    items, total, counts = sql_search(filters, page, per_page, "newest" if sort == "relevance" else sort)
    return SearchResult(items, total, counts, page=page, per_page=per_page, sort=sort)


def commune_facet(facets: dict, limit: int = 8) -> list[tuple[str, str, int]]:
    """[(value for the commune filter, name, count)] of the communes with the most results."""
    from market import geo
    out = []
    for code, n in list((facets or {}).get("commune_code", {}).items())[:limit]:
        commune = geo.get(code)
        out.append((commune.label if commune else code, commune.name if commune else code, n))
    return out


def _masks(index, searcher) -> IndexMasks:
    cached = index.caches.get("masks")
    if cached is None or cached[0] is not searcher:
        cached = index.caches["masks"] = (searcher, IndexMasks(searcher))
    return cached[1]


def _filter_masks(masks: IndexMasks, filters: dict, codes) -> dict[str, int]:
    out = {}
    for key, fld in (("kind", "kind"), ("category", "category"), ("terms", "terms"), ("organization", "org_slug")):
        if key in filters:
            out[key] = masks.value(fld, filters[key])
    if filters.get("urgent"):
        out["urgent"] = masks.value("urgent", "1")
    if codes is not None:
        out["commune"] = masks.any_of("commune_code", codes)
    return out


FACETS_KEPT = 512  # facet counts kept per searcher: ~12 KB of key each at 100,000 listings


def _facet_counts(index, masks: IndexMasks, matched: int, fmasks: dict[str, int]) -> dict:
    """Each facet's counts under the other filters, kept per searcher and bitsets (pure function of
    them): the next pages of a search, and the same filters again, count nothing."""
    cached = index.caches.get("facets")
    if cached is None or cached[0] is not masks:
        cached = index.caches["facets"] = (masks, {})
    kept, key = cached[1], (matched, tuple(sorted(fmasks.items())))
    found = kept.get(key)
    if found is None:
        if len(kept) >= FACETS_KEPT:
            kept.clear()
        found = kept[key] = {facet: masks.counts(facet, _all(matched, (m for k, m in fmasks.items() if k != name)))
                             for facet, name in FACET_FILTERS.items()}
    return found


def _all(mask: int, parts) -> int:
    for part in parts:
        mask &= part
    return mask


def _index_search(index, filters, page, per_page, sort, load, with_facets=True) -> SearchResult:
    searcher = index.searcher()
    masks = _masks(index, searcher)
    current = masks.live & ~masks.expired(now_ms())
    relaxed, groups = False, word_groups(filters.get("q") or "")
    matched = masks.matching(groups) & current if groups else current
    if not matched and len(groups) > 1:
        relaxed = True
        matched = masks.matching(groups, relaxed=True) & current
    codes = commune_filter_codes(filters)
    fmasks = _filter_masks(masks, filters, codes)
    final = _all(matched, fmasks.values())
    total = final.bit_count()
    facets = _facet_counts(index, masks, matched, fmasks) if with_facets else {}
    skip = (page - 1) * per_page
    if sort == "relevance":
        words = [masks.word(g) for g in groups]
        features = [strong for _docs, strong in words]  # a word in the title or tags
        if relaxed:  # every word found counts more than where it was found
            features += [docs for docs, _strong in words] * 2
        docnums = ranked(masks, final, features, per_page, skip)
    else:
        docnums = masks.ordered(final, "published" if sort == "newest" else "expires", per_page, skip)
    items = load(masks.listing_ids(docnums))
    if not groups:
        return SearchResult(items=items, total=total, facets=facets, page=page, per_page=per_page, sort=sort,
                            engine="index")
    terms = highlight_terms(filters["q"])
    return SearchResult(
        items=items, total=total, facets=facets, suggestion=suggest(index, searcher, filters["q"]),
        highlights={l.id: s for l in items if (s := _snippet(l, terms)) is not None},
        titles={l.id: snippets.title(l.title, terms) for l in items},
        page=page, per_page=per_page, sort=sort, relaxed=relaxed, engine="index")


def _snippet(listing, terms):
    for text in (listing.description, listing.tags, listing.amenities, listing.schedule):
        found = snippets.snippet((text or "")[:800], terms, top=1)
        if found is not None:
            return found
    return None


def _load_public(ids: list[int]) -> list[Listing]:
    """The listings in the index's order; one that is not public (index behind) is left out."""
    if not ids:
        return []
    rows = db.session.scalars(sa.select(Listing).where(Listing.id.in_(ids))  # one query: the page's rows
                              .options(joinedload(Listing.organization), joinedload(Listing.author)))
    by_id = {l.id: l for l in rows}
    return [by_id[i] for i in ids if i in by_id and by_id[i].is_public()]


def similar_listing_ids(listing, limit: int = 4, kind: str | None = None) -> list[int]:
    """Ids of public listings of the same category sharing its key words, best first (never itself).

    Key words: the 10 most distinctive terms of its title, tags and description (tf-idf);
    listings sharing more of them come first, newest first among equals. `kind` restricts to
    offers or needs. Raises IndexUnavailable when the index cannot answer (use SQL then).
    """
    index = get_index()
    if index is None:
        raise IndexUnavailable("search is not set up in this app")
    if index.backend == "postgres":
        return index.similar_listing_ids(listing, limit, kind)
    try:
        searcher = index.searcher()
        text = " ".join((listing.title, listing.title, listing.tags or "", listing.amenities or "",
                         listing.description or ""))
        keys = [t for t, _score in searcher.key_terms_from_text("text", text, numterms=10)]
        if not keys:
            return []
        masks = _masks(index, searcher)
        candidates = masks.value("category", listing.category) & masks.live & ~masks.expired(now_ms())
        if kind:
            candidates &= masks.value("kind", kind)
        own = searcher.document_number(id=str(listing.id))
        if own is not None:
            candidates &= ~(1 << own)
        features = [masks.term(t)[0] for t in keys]
        shared = 0
        for feature in features:
            shared |= feature
        return masks.listing_ids(ranked(masks, candidates & shared, features, limit))
    except IndexUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001
        index.index_failed(exc)
        raise IndexUnavailable(str(exc)) from exc


def similar_listings(listing, limit: int = 4, kind: str | None = None) -> list[Listing]:
    """The similar public listings themselves (empty when the index cannot answer)."""
    try:
        return _load_public(similar_listing_ids(listing, limit, kind))
    except IndexUnavailable:
        return []
