"""sessions and shared limits

Revision ID: 0004_sessions
Revises: 0003_notifications
Create Date: 2026-12-02 12:00:00

Placeholder laid by the lead so that parallel work keeps one linear chain; filled by the hardening work (issue 19).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0004_sessions'
down_revision = '0003_notifications'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
