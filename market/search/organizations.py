"""Words matching for the directory: the same French analysis and synonyms as listings.

A network has a few hundred organisations: their terms are computed in Python and cached
per organisation (until its `updated_at` changes), so no second index has to follow them.
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


def _org_terms(row) -> frozenset:
    from market import geo
    commune = geo.get(row.commune_code)
    text = " ".join((row.name, row.description or "", row.sectors or "", commune.name if commune else ""))
    found = terms(text)
    return frozenset(found) | frozenset(zip(found, found[1:]))  # words and pairs (for two-word synonyms)


def _matches(groups, org_terms) -> bool:
    return all(any((alt[0] if len(alt) == 1 else alt) in org_terms for alt in group if len(alt) <= 2)
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
        if _matches(groups, cached[1]):
            out.append(row.id)
    return out
