"""pooled purchasing groups

Revision ID: 0007_purchasing
Revises: 0006_ressourcerie
Create Date: 2026-12-02 12:00:00

Placeholder laid by the lead so that parallel work keeps one linear chain; filled by pooled purchasing (issue 12).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0007_purchasing'
down_revision = '0006_ressourcerie'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
