"""How rare each term is among the published listings (rules.Idf), per category, the same on every server.

Counted over the titles and tags of the newest CORPUS_LIMIT published listings (one streaming read,
each distinct word analysed once): ~0.5 s at 100,000 listings, then reused for MATCHING_IDF_SECONDS
(default 600; 0 in tests: recounted whenever a listing is published or edited). With Redis
(market.cache.shared), one server counts and every server scores with the same tables.
"""
from collections import Counter

import sqlalchemy as sa
from flask import current_app

from market.cache import remember, shared
from market.extensions import db
from market.listings.models import Listing
from market.matching.rules import Idf
from market.matching.text import tokens

CORPUS_LIMIT = 50_000
DEFAULT_SECONDS = 600
NAME = "matching-idf"


def idf_for(category: str) -> Idf:
    """The term rarities of one category (an empty table when the category has no listing yet)."""
    return tables().get(category, Idf())


def tables() -> dict[str, Idf]:
    ttl = current_app.config.get("MATCHING_IDF_SECONDS", 0 if current_app.testing else DEFAULT_SECONDS)
    if ttl:
        return shared(NAME, count, ttl)
    key = db.session.execute(sa.select(sa.func.max(Listing.published_at), sa.func.max(Listing.updated_at))
                             .where(Listing.status == "published")).one()
    return remember(NAME, tuple(key), count, 60)


def count() -> dict[str, Idf]:
    documents, frequency = Counter(), {}
    rows = db.session.execute(sa.select(Listing.category, Listing.title, Listing.tags)
                              .where(Listing.status == "published")
                              .order_by(Listing.published_at.desc()).limit(CORPUS_LIMIT))
    for category, title, tags in rows:
        documents[category] += 1
        frequency.setdefault(category, Counter()).update(tokens(f"{title} ; {(tags or '').replace(';', ' ; ')}"))
    return {c: Idf(documents[c], dict(frequency[c])) for c in documents}

