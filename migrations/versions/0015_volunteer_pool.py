"""volunteer pool: profiles that choose to be seen by the associations, invitations to a shift

Revision ID: 0015_volunteer_pool
Revises: 0013_purchase_quotes
Create Date: 2026-12-05 10:00:00

volunteer_profiles.visible_in_pool (false until the person says yes); event_invitations: an
association asks a volunteer of the pool to take a shift, once per shift and person.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_volunteer_pool'
down_revision = '0013_purchase_quotes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('volunteer_profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visible_in_pool', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('event_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_event_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_event_invitations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shift_id'], ['event_shifts.id'], name=op.f('fk_event_invitations_shift_id_event_shifts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_event_invitations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_invitations')),
    sa.UniqueConstraint('shift_id', 'user_id', name='uq_event_invitations_shift_user')
    )
    with op.batch_alter_table('event_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_invitations_shift_id'), ['shift_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_invitations_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('event_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_invitations_user_id'))
        batch_op.drop_index(batch_op.f('ix_event_invitations_shift_id'))
    op.drop_table('event_invitations')
    with op.batch_alter_table('volunteer_profiles', schema=None) as batch_op:
        batch_op.drop_column('visible_in_pool')
