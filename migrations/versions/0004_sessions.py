"""sessions and shared limits

Revision ID: 0004_sessions
Revises: 0003_notifications
Create Date: 2026-12-02 12:00:00

Session version on users (logout, log out everywhere and a password reset end every session);
rate-limit counters shared by every worker.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = '0004_sessions'
down_revision = '0003_notifications'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))
    op.create_table('rate_limit_counters',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_counters'))
    )


def downgrade():
    op.drop_table('rate_limit_counters')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
