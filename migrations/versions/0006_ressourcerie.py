"""places, uploads and the ressourcerie

Revision ID: 0006_ressourcerie
Revises: 0005_api_tokens
Create Date: 2026-12-02 12:00:00

Placeholder laid by the lead so that parallel work keeps one linear chain; filled by the ressourcerie (issue 11).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0006_ressourcerie'
down_revision = '0005_api_tokens'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
