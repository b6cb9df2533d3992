"""ressourcerie: the giver chooses ("je choisis")

Revision ID: 0012_ressourcerie_choice
Revises: 0014_skills_workshops
Create Date: 2026-12-14 10:00:00

A pool of places is allocated in line (first come, then the waiting list) or by its owner, who grants
places to the requests; a ressourcerie batch says until which day it collects requests, and when the
members whose need it answers were told about it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_ressourcerie_choice'
down_revision = "0014_skills_workshops"
branch_labels = None
depends_on = None


ALLOCATION_CHECK = "allocation IN ('line', 'owner')"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its named CHECK in place: a batch "recreate" of place_pools would drop
        # a table that holds rows referenced by place_holds and ressourcerie_batches (foreign keys are on).
        op.execute("ALTER TABLE place_pools ADD COLUMN allocation VARCHAR(10) DEFAULT 'line' NOT NULL "
                   f"CONSTRAINT ck_place_pools_allocation_known CHECK ({ALLOCATION_CHECK})")
    else:
        op.add_column('place_pools', sa.Column('allocation', sa.String(length=10), server_default='line',
                                               nullable=False))
        op.create_check_constraint(op.f('ck_place_pools_allocation_known'), 'place_pools', ALLOCATION_CHECK)
    with op.batch_alter_table('ressourcerie_batches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requests_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('needs_told_at', sa.DateTime(), nullable=True))
    # batches given before this revision are not news any more: nobody is alerted about them now
    op.execute("UPDATE ressourcerie_batches SET needs_told_at = created_at")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":  # in place (SQLite 3.35+): no table recreated, see upgrade()
        for table, column in (('ressourcerie_batches', 'needs_told_at'), ('ressourcerie_batches', 'requests_until'),
                              ('place_pools', 'allocation')):  # the CHECK of allocation goes with it
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column('ressourcerie_batches', 'needs_told_at')
        op.drop_column('ressourcerie_batches', 'requests_until')
        op.drop_constraint(op.f('ck_place_pools_allocation_known'), 'place_pools', type_='check')
        op.drop_column('place_pools', 'allocation')
