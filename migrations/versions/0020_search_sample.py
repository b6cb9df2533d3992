"""PostgreSQL search: the indexes that estimate a very common search's counts from a sample

Revision ID: 0020_search_sample
Revises: 0019_public_index_facets
Create Date: 2026-12-06 14:00:00

On PostgreSQL only (market/search/pg/sample.py). For each sampling rate (one listing in 16, one in
64, by id), partial indexes over the sampled listings: their words, organisation and commune (what
a search's words are matched with), so counting a sample reads 1/rate of the matches, and the
public listings' index with the facet columns (0019's), for browsing without words. And a GIN index
on the words of the titles and tags alone (`ts_filter(search_vector, '{a,b}')`): the listings having
many of the words in their title, the top of the relevance order, counted exactly through it. At a
million listings these indexes weigh ~20 MB and build in seconds.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0020_search_sample'
down_revision = '0019_public_index_facets'
branch_labels = None
depends_on = None

RATES = (16, 64)  # market/search/pg/sample.py RATES
PUBLIC_INCLUDES = ('kind', 'category', 'terms', 'commune_code', 'urgent', 'organization_id', 'author_id')  # as 0019's
STRONG = "ts_filter(search_vector, '{a,b}'::\"char\"[])"  # market/search/pg/sql.py STRONG_VECTOR


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX ix_listings_strong_vector ON listings USING gin ({STRONG})")
    for rate in RATES:
        sampled = f"WHERE id % {rate} = 0"
        op.execute(f"CREATE INDEX ix_listings_sample{rate}_vector ON listings USING gin (search_vector) {sampled}")
        op.execute(f"CREATE INDEX ix_listings_sample{rate}_organization ON listings (organization_id) {sampled}")
        op.execute(f"CREATE INDEX ix_listings_sample{rate}_commune ON listings (commune_code) {sampled}")
        op.execute(f"CREATE INDEX ix_listings_sample{rate}_public ON listings (status, hidden, expires_at) "
                   f"INCLUDE ({', '.join(PUBLIC_INCLUDES)}) {sampled}")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for rate in RATES:
        for what in ("vector", "organization", "commune", "public"):
            op.execute(f"DROP INDEX IF EXISTS ix_listings_sample{rate}_{what}")
    op.execute("DROP INDEX IF EXISTS ix_listings_strong_vector")
