"""purchasing

Revision ID: 0008_purchasing
Revises: 0006_api_tokens
Create Date: 2026-12-02 18:45:10

Group purchases with price tiers, each organisation's commitment (amounts frozen at closing),
adjustment lines after closing. The committed total is kept within the supplier's stock by a CHECK.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_purchasing'
down_revision = '0006_api_tokens'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('purchase_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('unit', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('supplier_name', sa.String(length=140), nullable=False),
    sa.Column('supplier_contact', sa.String(length=300), nullable=False),
    sa.Column('organizer_org_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('fixed_costs_cents', sa.Integer(), nullable=False),
    sa.Column('fixed_costs_label', sa.String(length=140), nullable=False),
    sa.Column('split_rule', sa.String(length=20), nullable=False),
    sa.Column('min_total', sa.Integer(), nullable=False),
    sa.Column('max_quantity', sa.Integer(), nullable=True),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.Column('delivery_plan', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('extended', sa.Boolean(), nullable=False),
    sa.Column('committed_total', sa.Integer(), nullable=False),
    sa.Column('final_unit_price_cents', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('committed_total >= 0', name=op.f('ck_purchase_groups_total_not_negative')),
    sa.CheckConstraint('fixed_costs_cents >= 0', name=op.f('ck_purchase_groups_fixed_costs_not_negative')),
    sa.CheckConstraint('max_quantity IS NULL OR committed_total <= max_quantity', name=op.f('ck_purchase_groups_total_within_stock')),
    sa.CheckConstraint('min_total >= 1', name=op.f('ck_purchase_groups_min_total_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_purchase_groups_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organizer_org_id'], ['organizations.id'], name=op.f('fk_purchase_groups_organizer_org_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_groups'))
    )
    with op.batch_alter_table('purchase_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_groups_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_groups_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_groups_organizer_org_id'), ['organizer_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_groups_status'), ['status'], unique=False)

    op.create_table('purchase_adjustments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['purchase_groups.id'], name=op.f('fk_purchase_adjustments_group_id_purchase_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_purchase_adjustments_made_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_purchase_adjustments_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_adjustments'))
    )
    with op.batch_alter_table('purchase_adjustments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_adjustments_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_adjustments_organization_id'), ['organization_id'], unique=False)

    op.create_table('purchase_commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('committed_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=True),
    sa.Column('goods_cents', sa.Integer(), nullable=True),
    sa.Column('fixed_share_cents', sa.Integer(), nullable=True),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_purchase_commitments_quantity_positive')),
    sa.ForeignKeyConstraint(['committed_by_id'], ['users.id'], name=op.f('fk_purchase_commitments_committed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['group_id'], ['purchase_groups.id'], name=op.f('fk_purchase_commitments_group_id_purchase_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_purchase_commitments_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_commitments')),
    sa.UniqueConstraint('group_id', 'organization_id', name='uq_purchase_commitments_group_org')
    )
    with op.batch_alter_table('purchase_commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_commitments_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_commitments_organization_id'), ['organization_id'], unique=False)

    op.create_table('purchase_tiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('min_quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('min_quantity >= 1', name=op.f('ck_purchase_tiers_min_quantity_positive')),
    sa.CheckConstraint('unit_price_cents >= 0', name=op.f('ck_purchase_tiers_price_not_negative')),
    sa.ForeignKeyConstraint(['group_id'], ['purchase_groups.id'], name=op.f('fk_purchase_tiers_group_id_purchase_groups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_tiers')),
    sa.UniqueConstraint('group_id', 'min_quantity', name='uq_purchase_tiers_group_min')
    )
    with op.batch_alter_table('purchase_tiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_tiers_group_id'), ['group_id'], unique=False)



def downgrade():
    with op.batch_alter_table('purchase_tiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_tiers_group_id'))

    op.drop_table('purchase_tiers')
    with op.batch_alter_table('purchase_commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_commitments_organization_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_commitments_group_id'))

    op.drop_table('purchase_commitments')
    with op.batch_alter_table('purchase_adjustments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_adjustments_organization_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_adjustments_group_id'))

    op.drop_table('purchase_adjustments')
    with op.batch_alter_table('purchase_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_groups_status'))
        batch_op.drop_index(batch_op.f('ix_purchase_groups_organizer_org_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_groups_created_by_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_groups_closes_at'))

    op.drop_table('purchase_groups')
