"""membership of the network: fee schedules, each structure's year, payments, what needs membership

Revision ID: 0016_membership
Revises: 0009_timebank
Create Date: 2026-12-05 21:24:06.220150

The charter's version is now kept with its date: structures that signed before this revision signed
version "1" (the only one there was), and are marked so.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_membership'
down_revision = '0009_timebank'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('membership_fee_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('structure_type', sa.String(length=30), nullable=False),
    sa.Column('size', sa.String(length=10), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_membership_fee_rates_amount_not_negative')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_membership_fee_rates_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_fee_rates')),
    sa.UniqueConstraint('year', 'structure_type', 'size', name='uq_membership_fee_rates_cell')
    )
    with op.batch_alter_table('membership_fee_rates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_fee_rates_year'), ['year'], unique=False)

    op.create_table('membership_requirements',
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_membership_requirements_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('action', name=op.f('pk_membership_requirements'))
    )
    op.create_table('membership_years',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('size', sa.String(length=10), nullable=True),
    sa.Column('charter_version', sa.String(length=20), nullable=True),
    sa.Column('charter_accepted_at', sa.DateTime(), nullable=True),
    sa.Column('paid_up_at', sa.DateTime(), nullable=True),
    sa.Column('reminder_sent_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('year >= 2000 AND year <= 2200', name=op.f('ck_membership_years_year_in_range')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_membership_years_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_years')),
    sa.UniqueConstraint('organization_id', 'year', name='uq_membership_years_org_year')
    )
    with op.batch_alter_table('membership_years', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_years_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_years_year'), ['year'], unique=False)

    op.create_table('membership_payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("method IN ('cash', 'cheque', 'transfer')", name=op.f('ck_membership_payments_method_known')),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_membership_payments_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_membership_payments_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_membership_payments_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_membership_payments')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_membership_payments_entry_id'))
    )
    with op.batch_alter_table('membership_payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_payments_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_membership_payments_year'), ['year'], unique=False)

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('charter_version', sa.String(length=20), nullable=True))
    op.execute("UPDATE organizations SET charter_version = '1' WHERE charter_accepted_at IS NOT NULL")


def downgrade():
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('charter_version')

    with op.batch_alter_table('membership_payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_payments_year'))
        batch_op.drop_index(batch_op.f('ix_membership_payments_organization_id'))

    op.drop_table('membership_payments')
    with op.batch_alter_table('membership_years', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_years_year'))
        batch_op.drop_index(batch_op.f('ix_membership_years_organization_id'))

    op.drop_table('membership_years')
    op.drop_table('membership_requirements')
    with op.batch_alter_table('membership_fee_rates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_membership_fee_rates_year'))

    op.drop_table('membership_fee_rates')
