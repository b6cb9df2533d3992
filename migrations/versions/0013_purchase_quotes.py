"""purchase quotes

Revision ID: 0013_purchase_quotes
Revises: 0012_ressourcerie_choice
Create Date: 2026-12-05 21:22:01

Purchases on quotation (insurance…): an interest list (the details it asks, the negotiated offer and its
validity) and each organisation's interest on it (its details, its answer to the offer).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_purchase_quotes'
down_revision = '0012_ressourcerie_choice'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('purchase_interest_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('organizer_org_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('asks_employees', sa.Boolean(), nullable=False),
    sa.Column('asks_vehicles', sa.Boolean(), nullable=False),
    sa.Column('asks_premises_m2', sa.Boolean(), nullable=False),
    sa.Column('closes_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('offer_supplier', sa.String(length=140), nullable=False),
    sa.Column('offer_text', sa.Text(), nullable=False),
    sa.Column('offer_terms', sa.Text(), nullable=False),
    sa.Column('offer_valid_until', sa.DateTime(), nullable=True),
    sa.Column('offer_published_at', sa.DateTime(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status <> 'offered' OR offer_valid_until IS NOT NULL", name=op.f('ck_purchase_interest_lists_offer_has_validity')),
    sa.CheckConstraint("status IN ('collecting', 'offered', 'cancelled')", name=op.f('ck_purchase_interest_lists_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_purchase_interest_lists_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organizer_org_id'], ['organizations.id'], name=op.f('fk_purchase_interest_lists_organizer_org_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_interest_lists'))
    )
    with op.batch_alter_table('purchase_interest_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_interest_lists_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_interest_lists_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_interest_lists_organizer_org_id'), ['organizer_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_interest_lists_status'), ['status'], unique=False)

    op.create_table('purchase_interests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('employees', sa.Integer(), nullable=True),
    sa.Column('vehicles', sa.Integer(), nullable=True),
    sa.Column('premises_m2', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('answer', sa.String(length=20), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("answer IS NULL OR answer IN ('accepted', 'declined')", name=op.f('ck_purchase_interests_answer_known')),
    sa.CheckConstraint('employees IS NULL OR employees >= 0', name=op.f('ck_purchase_interests_employees_not_negative')),
    sa.CheckConstraint('premises_m2 IS NULL OR premises_m2 >= 0', name=op.f('ck_purchase_interests_premises_not_negative')),
    sa.CheckConstraint('vehicles IS NULL OR vehicles >= 0', name=op.f('ck_purchase_interests_vehicles_not_negative')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_purchase_interests_answered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['list_id'], ['purchase_interest_lists.id'], name=op.f('fk_purchase_interests_list_id_purchase_interest_lists'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_purchase_interests_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'], name=op.f('fk_purchase_interests_registered_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_interests')),
    sa.UniqueConstraint('list_id', 'organization_id', name='uq_purchase_interests_list_org')
    )
    with op.batch_alter_table('purchase_interests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_interests_list_id'), ['list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_interests_organization_id'), ['organization_id'], unique=False)



def downgrade():
    with op.batch_alter_table('purchase_interests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_interests_organization_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_interests_list_id'))

    op.drop_table('purchase_interests')
    with op.batch_alter_table('purchase_interest_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_purchase_interest_lists_status'))
        batch_op.drop_index(batch_op.f('ix_purchase_interest_lists_organizer_org_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_interest_lists_created_by_id'))
        batch_op.drop_index(batch_op.f('ix_purchase_interest_lists_closes_at'))

    op.drop_table('purchase_interest_lists')
