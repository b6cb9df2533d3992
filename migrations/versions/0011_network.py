"""network: the map of actors and the network's agenda

Revision ID: 0011_network
Revises: 0007_ressourcerie
Create Date: 2026-12-02 19:20:00

An organisation's own point on the map and its catchment area; the agenda's dates
(registration through a pool of the shared places mechanism, hence after 0005_places).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_network'
down_revision = '0007_ressourcerie'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('network_actor_places',
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('catchment_km', sa.Integer(), nullable=True),
    sa.Column('catchment_communes', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(lat IS NULL) = (lon IS NULL)', name=op.f('ck_network_actor_places_lat_lon_together')),
    sa.CheckConstraint('catchment_km IS NULL OR (catchment_km >= 1 AND catchment_km <= 200)', name=op.f('ck_network_actor_places_catchment_km_range')),
    sa.CheckConstraint('lat IS NULL OR (lat >= -90 AND lat <= 90)', name=op.f('ck_network_actor_places_lat_range')),
    sa.CheckConstraint('lon IS NULL OR (lon >= -180 AND lon <= 180)', name=op.f('ck_network_actor_places_lon_range')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_network_actor_places_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organization_id', name=op.f('pk_network_actor_places'))
    )
    op.create_table('network_meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('format', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('commune_code', sa.String(length=5), nullable=False),
    sa.Column('host_org_id', sa.Integer(), nullable=True),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('organiser_id', sa.Integer(), nullable=True),
    sa.Column('organiser_org_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('pool_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('moderation_note', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'published', 'rejected', 'cancelled')", name=op.f('ck_network_meetings_status_known')),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 1', name=op.f('ck_network_meetings_capacity_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_network_meetings_ends_after_start')),
    sa.ForeignKeyConstraint(['host_org_id'], ['organizations.id'], name=op.f('fk_network_meetings_host_org_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organiser_id'], ['users.id'], name=op.f('fk_network_meetings_organiser_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organiser_org_id'], ['organizations.id'], name=op.f('fk_network_meetings_organiser_org_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pool_id'], ['place_pools.id'], name=op.f('fk_network_meetings_pool_id_place_pools'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['room_id'], ['listings.id'], name=op.f('fk_network_meetings_room_id_listings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_meetings'))
    )
    with op.batch_alter_table('network_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_meetings_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_network_meetings_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('network_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_meetings_status'))
        batch_op.drop_index(batch_op.f('ix_network_meetings_starts_at'))

    op.drop_table('network_meetings')
    op.drop_table('network_actor_places')
