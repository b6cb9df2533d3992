"""What migrations 0017_search_pg and 0020_search_sample add on PostgreSQL beside the models: named
here so that Alembic's comparisons (migrations/env.py, tests/test_migrations.py) leave it alone."""

CONFIG = "market_french"  # French stemming after unaccent (ts_headline keeps the accents)
COLUMNS = {("listings", "search_vector"), ("organizations", "search_vector")}
from market.search.pg.sample import RATES

SAMPLE_RATES = tuple(sorted(rate for rate, _fewest in RATES))  # partial indexes over one listing in each (0020)
INDEXES = {"ix_listings_search_vector", "ix_organizations_search_vector", "ix_listings_strong_vector",
           *(f"ix_listings_sample{rate}_{what}" for rate in SAMPLE_RATES for what in ("vector", "organization", "commune", "public"))}
VIEWS = ("search_lexemes", "search_spellings")  # materialized: refreshed by market/search/pg/vocabulary.py


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's `include_object`: False for the search objects that only PostgreSQL has."""
    if type_ == "column" and reflected and (getattr(obj.table, "name", None), name) in COLUMNS:
        return False
    if type_ == "index" and reflected and name in INDEXES:
        return False
    return True
