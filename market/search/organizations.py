"""Words matching for the directory (and the time bank's skills register): the same French analysis and
synonyms as listings.

A network has a few hundred organisations: their terms are computed in Python and cached
per organisation (until its `updated_at` changes), so no second index has to follow them.
`term_set` and `matches` serve any such small set of records.
With MARKET_SEARCH_BACKEND=postgres, `organizations.search_vector` answers instead
(market/search/pg/organizations.py).
"""
import threading

import sqlalchemy as sa

from market.accounts.models import Organization
from market.extensions import db
from market.search.analysis import terms
from market.search.query import word_groups

_cache: dict[int, tuple] = {}
_lock = threading.Lock()


def term_set(text: str) -> frozenset:
    """The indexed terms of a text, and its pairs of successive terms (for two-word synonyms)."""
    found = terms(text)
    return frozenset(found) | frozenset(zip(found, found[1:]))


def _org_terms(row) -> frozenset:
    from market import geo
    commune = geo.get(row.commune_code)
    return term_set(" ".join((row.name, row.description or "", row.sectors or "", commune.name if commune else "")))


def matches(groups, text_terms) -> bool:
    """Every word group of the query (see query.word_groups) has an alternative among `text_terms`."""
    return all(any((alt[0] if len(alt) == 1 else alt) in text_terms for alt in group if len(alt) <= 2)
               for group in groups)


def organization_ids_matching(text: str, statuses=("verified",)) -> list[int]:
    """Ids of organisations whose name, description, sectors or commune contain every word."""
    from market.search.index import get_index
    backend = get_index()
    if getattr(backend, "backend", None) == "postgres":
        return backend.organization_ids_matching(text, statuses)
    groups = word_groups(text)
    if not groups:
        return []
    rows = db.session.execute(sa.select(Organization.id, Organization.updated_at, Organization.name,
                                        Organization.description, Organization.sectors, Organization.commune_code)
                              .where(Organization.status.in_(statuses)))
    out = []
    for row in rows:
        with _lock:
            cached = _cache.get(row.id)
        if cached is None or cached[0] != row.updated_at:
            cached = (row.updated_at, _org_terms(row))
            with _lock:
                _cache[row.id] = cached
        if matches(groups, cached[1]):
            out.append(row.id)
    return out
