"""ressourcerie and uploads

Revision ID: 0007_ressourcerie
Revises: 0008_purchasing
Create Date: 2026-12-02 18:47:02

Uploaded pictures (any feature); the ressourcerie's batches, photos, reservations (one hold of
place_pools each) and handover entries.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_ressourcerie'
down_revision = '0008_purchasing'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ressourcerie_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('donor_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('condition', sa.String(length=20), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_weight_g', sa.Integer(), nullable=False),
    sa.Column('weighed', sa.Boolean(), nullable=False),
    sa.Column('commune_code', sa.String(length=5), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('pickup_windows', sa.String(length=300), nullable=False),
    sa.Column('give_before', sa.Date(), nullable=True),
    sa.Column('max_per_member', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_ressourcerie_batches_quantity_positive')),
    sa.CheckConstraint('unit_weight_g >= 0', name=op.f('ck_ressourcerie_batches_weight_not_negative')),
    sa.ForeignKeyConstraint(['donor_id'], ['users.id'], name=op.f('fk_ressourcerie_batches_donor_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_ressourcerie_batches_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pool_id'], ['place_pools.id'], name=op.f('fk_ressourcerie_batches_pool_id_place_pools'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressourcerie_batches')),
    sa.UniqueConstraint('pool_id', name=op.f('uq_ressourcerie_batches_pool_id'))
    )
    with op.batch_alter_table('ressourcerie_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ressourcerie_batches_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_batches_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_batches_donor_id'), ['donor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_batches_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_batches_status'), ['status'], unique=False)

    op.create_table('uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('thumb_key', sa.String(length=100), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_uploads_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_uploads')),
    sa.UniqueConstraint('key', name=op.f('uq_uploads_key'))
    )
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uploads_owner_id'), ['owner_id'], unique=False)

    op.create_table('ressourcerie_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('upload_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['ressourcerie_batches.id'], name=op.f('fk_ressourcerie_photos_batch_id_ressourcerie_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['upload_id'], ['uploads.id'], name=op.f('fk_ressourcerie_photos_upload_id_uploads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressourcerie_photos'))
    )
    with op.batch_alter_table('ressourcerie_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ressourcerie_photos_batch_id'), ['batch_id'], unique=False)

    op.create_table('ressourcerie_reservations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('hold_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('lapse_told_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['ressourcerie_batches.id'], name=op.f('fk_ressourcerie_reservations_batch_id_ressourcerie_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hold_id'], ['place_holds.id'], name=op.f('fk_ressourcerie_reservations_hold_id_place_holds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_ressourcerie_reservations_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ressourcerie_reservations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressourcerie_reservations')),
    sa.UniqueConstraint('batch_id', 'code', name='code_per_batch'),
    sa.UniqueConstraint('hold_id', name=op.f('uq_ressourcerie_reservations_hold_id'))
    )
    with op.batch_alter_table('ressourcerie_reservations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ressourcerie_reservations_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_reservations_user_id'), ['user_id'], unique=False)

    op.create_table('ressourcerie_handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('reservation_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('weight_g', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('giver_name', sa.String(length=140), nullable=False),
    sa.Column('receiver_name', sa.String(length=140), nullable=False),
    sa.Column('method', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['ressourcerie_batches.id'], name=op.f('fk_ressourcerie_handovers_batch_id_ressourcerie_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['corrects_id'], ['ressourcerie_handovers.id'], name=op.f('fk_ressourcerie_handovers_corrects_id_ressourcerie_handovers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_ressourcerie_handovers_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reservation_id'], ['ressourcerie_reservations.id'], name=op.f('fk_ressourcerie_handovers_reservation_id_ressourcerie_reservations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ressourcerie_handovers'))
    )
    with op.batch_alter_table('ressourcerie_handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ressourcerie_handovers_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_handovers_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_ressourcerie_handovers_reservation_id'), ['reservation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ressourcerie_handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ressourcerie_handovers_reservation_id'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_handovers_created_at'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_handovers_batch_id'))

    op.drop_table('ressourcerie_handovers')
    with op.batch_alter_table('ressourcerie_reservations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ressourcerie_reservations_user_id'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_reservations_batch_id'))

    op.drop_table('ressourcerie_reservations')
    with op.batch_alter_table('ressourcerie_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ressourcerie_photos_batch_id'))

    op.drop_table('ressourcerie_photos')
    with op.batch_alter_table('uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uploads_owner_id'))

    op.drop_table('uploads')
    with op.batch_alter_table('ressourcerie_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ressourcerie_batches_status'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_batches_organization_id'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_batches_donor_id'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_batches_commune_code'))
        batch_op.drop_index(batch_op.f('ix_ressourcerie_batches_category'))

    op.drop_table('ressourcerie_batches')
