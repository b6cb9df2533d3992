"""ressourcerie: the giver chooses ("je choisis")

Revision ID: 0012_ressourcerie_choice
Revises: 0009_timebank
Create Date: 2026-12-14 10:00:00

A pool of places is allocated in line (first come, then the waiting list) or by its owner, who grants
places to the requests; a ressourcerie batch says until which day it collects requests, and when the
members whose need it answers were told about it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_ressourcerie_choice'
down_revision = '0009_timebank'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('place_pools', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allocation', sa.String(length=10), server_default='line', nullable=False))
        batch_op.create_check_constraint(op.f('ck_place_pools_allocation_known'), "allocation IN ('line', 'owner')")
    with op.batch_alter_table('ressourcerie_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requests_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('needs_told_at', sa.DateTime(), nullable=True))
    # batches given before this revision are not news any more: nobody is alerted about them now
    op.execute("UPDATE ressourcerie_batches SET needs_told_at = created_at")


def downgrade():
    with op.batch_alter_table('ressourcerie_batches', schema=None) as batch_op:
        batch_op.drop_column('needs_told_at')
        batch_op.drop_column('requests_until')
    with op.batch_alter_table('place_pools', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_place_pools_allocation_known'), type_='check')
        batch_op.drop_column('allocation')
