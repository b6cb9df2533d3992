"""places: the one mechanism holding limited places

Revision ID: 0005_places
Revises: 0004_sessions
Create Date: 2026-12-02 19:00:00

Pools of limited places (ressourcerie batches, shifts, workshop seats) and the holds taken on
them, waiting list included; the database refuses a place beyond the capacity.
"""
from alembic import op
import sqlalchemy as sa



revision = '0005_places'
down_revision = '0004_sessions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('place_pools',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('taken', sa.Integer(), server_default='0', nullable=False),
    sa.Column('hold_minutes', sa.Integer(), nullable=True),
    sa.Column('offer_minutes', sa.Integer(), server_default='2880', nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_place_pools_capacity_positive')),
    sa.CheckConstraint('taken >= 0 AND taken <= capacity', name=op.f('ck_place_pools_taken_within_capacity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_pools'))
    )
    op.create_index(op.f('ix_place_pools_kind'), 'place_pools', ['kind'], unique=False)
    op.create_table('place_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_place_holds_quantity_positive')),
    sa.CheckConstraint("status IN ('held', 'offered', 'waiting', 'done', 'released', 'lapsed')",
                       name=op.f('ck_place_holds_status_known')),
    sa.ForeignKeyConstraint(['pool_id'], ['place_pools.id'], name=op.f('fk_place_holds_pool_id_place_pools'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_place_holds_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_holds'))
    )
    op.create_index('ix_place_holds_pool_status', 'place_holds', ['pool_id', 'status'], unique=False)
    op.create_index(op.f('ix_place_holds_user_id'), 'place_holds', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_place_holds_user_id'), table_name='place_holds')
    op.drop_index('ix_place_holds_pool_status', table_name='place_holds')
    op.drop_table('place_holds')
    op.drop_index(op.f('ix_place_pools_kind'), table_name='place_pools')
    op.drop_table('place_pools')
