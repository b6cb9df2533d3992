"""matching: the analysed words of each listing, kept on save

Revision ID: 0018_match_terms
Revises: 0017_search_pg
Create Date: 2026-12-05 23:10:00

`listings.match_terms`: the words of a listing's title, tags and description as matching analyses
them (market/matching/terms.py), written on every save so that a ranking does not analyse the
descriptions of hundreds of candidates again. Empty for the listings that exist now: matching
analyses those on the fly (the same results) until `flask market match-terms` fills them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_match_terms'
down_revision = '0017_search_pg'
branch_labels = None
depends_on = None


WIDE = ['category', 'kind', 'published_at', 'status', 'hidden', 'expires_at', 'commune_code', 'skill_domain',
        'title', 'tags', 'id']
NARROW = ['category', 'kind', 'published_at']


def upgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('match_terms', sa.Text(), nullable=True))
        batch_op.drop_index('ix_listings_match_candidates')
        batch_op.create_index('ix_listings_match_candidates', WIDE, unique=False)


def downgrade():
    with op.batch_alter_table('listings', schema=None) as batch_op:
        batch_op.drop_index('ix_listings_match_candidates')
        batch_op.create_index('ix_listings_match_candidates', NARROW, unique=False)
        batch_op.drop_column('match_terms')
