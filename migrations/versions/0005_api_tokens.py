"""personal access tokens and idempotency keys

Revision ID: 0005_api_tokens
Revises: 0004_sessions
Create Date: 2026-12-02 12:00:00

Placeholder laid by the lead so that parallel work keeps one linear chain; filled by the writing API (issue 10).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0005_api_tokens'
down_revision = '0004_sessions'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
