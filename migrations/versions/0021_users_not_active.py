"""an index of the accounts that are not active

Revision ID: 0021_users_not_active
Revises: 0020_search_sample
Create Date: 2026-12-06 16:40:00

Every public listings query leaves out the listings of accounts that are not active; PostgreSQL's
search reads those accounts once per statement, and without an index that was a scan of every
account (1.5 ms at 20,000 accounts, three to five times per search). A partial index holds the few
of them (`status <> 'active'`), on SQLite too.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_users_not_active'
down_revision = '0020_search_sample'
branch_labels = None
depends_on = None

NOT_ACTIVE = "status <> 'active'"  # market/accounts/models.py NOT_ACTIVE


def upgrade():
    op.create_index('ix_users_not_active', 'users', ['id'], unique=False,
                    postgresql_where=sa.text(NOT_ACTIVE), sqlite_where=sa.text(NOT_ACTIVE))


def downgrade():
    op.drop_index('ix_users_not_active', table_name='users')
