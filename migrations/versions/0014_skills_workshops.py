"""skills register, workshops, agreement credits, time bank settings

Revision ID: 0014_skills_workshops
Revises: 0016_membership
Create Date: 2026-12-05 21:19:55

The network's referential of skills (seeded with the eight the network named, and "Autre") and what
organisations and volunteers declare; workshops whose seats are pools of market/places; slots of coups de
pouce (a pool per post, a hold per exchange); the credits of agreements (market/exchanges) on their way to the
ledger; the coordinators' settings (welcome credit, default limits, the workshops' rule).
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

SKILLS = [("legal", "Juridique", "Legal"), ("accounting", "Comptabilité", "Accounting"),
          ("communication", "Communication et graphisme", "Communication and graphic design"),
          ("it", "Informatique", "IT"), ("technical", "Technique", "Technical work"),
          ("funding", "Recherche de financements", "Fundraising"), ("languages", "Langues", "Languages"),
          ("facilitation", "Animation", "Facilitation"), ("other", "Autre", "Other")]


# revision identifiers, used by Alembic.
revision = '0014_skills_workshops'
down_revision = '0016_membership'
branch_labels = None
depends_on = None


def upgrade():
    skills = op.create_table('timebank_skills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('label_en', sa.String(length=80), server_default='', nullable=False),
    sa.Column('description', sa.String(length=300), server_default='', nullable=False),
    sa.Column('position', sa.Integer(), server_default='100', nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_skills')),
    sa.UniqueConstraint('code', name=op.f('uq_timebank_skills_code'))
    )
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(skills, [{"code": code, "label": label, "label_en": label_en, "description": "",
                             "position": (n + 1) * 10, "active": True, "created_at": now}
                            for n, (code, label, label_en) in enumerate(SKILLS)])
    op.create_table('timebank_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('welcome_minutes', sa.Integer(), nullable=False),
    sa.Column('hard_floor', sa.Integer(), nullable=True),
    sa.Column('soft_floor', sa.Integer(), nullable=True),
    sa.Column('soft_ceiling', sa.Integer(), nullable=True),
    sa.Column('hard_ceiling', sa.Integer(), nullable=True),
    sa.Column('workshop_rule', sa.String(length=20), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("workshop_rule IN ('per_attendee', 'shared')", name=op.f('ck_timebank_settings_workshop_rule_known')),
    sa.CheckConstraint('welcome_minutes >= 0', name=op.f('ck_timebank_settings_welcome_not_negative')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_timebank_settings_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_settings'))
    )
    op.create_table('timebank_skill_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=60), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=12), nullable=False),
    sa.Column('remote', sa.Boolean(), nullable=False),
    sa.Column('on_site', sa.Boolean(), nullable=False),
    sa.Column('minutes_per_month', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("level IN ('notions', 'practised', 'expert')", name=op.f('ck_timebank_skill_declarations_level_known')),
    sa.CheckConstraint('minutes_per_month IS NULL OR minutes_per_month > 0', name=op.f('ck_timebank_skill_declarations_minutes_positive')),
    sa.CheckConstraint('remote OR on_site', name=op.f('ck_timebank_skill_declarations_gives_somehow')),
    sa.ForeignKeyConstraint(['skill_id'], ['timebank_skills.id'], name=op.f('fk_timebank_skill_declarations_skill_id_timebank_skills'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_timebank_skill_declarations_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_skill_declarations')),
    sa.UniqueConstraint('holder', 'skill_id', name='uq_timebank_skill_declarations_holder_skill')
    )
    with op.batch_alter_table('timebank_skill_declarations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_skill_declarations_holder'), ['holder'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_skill_declarations_skill_id'), ['skill_id'], unique=False)

    op.create_table('timebank_workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('pool_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('commune_code', sa.String(length=5), nullable=True),
    sa.Column('video_url', sa.String(length=300), nullable=False),
    sa.Column('notice_hours', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_timebank_workshops_ends_after_start')),
    sa.CheckConstraint('notice_hours >= 0', name=op.f('ck_timebank_workshops_notice_not_negative')),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_workshops_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_timebank_workshops_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pool_id'], ['place_pools.id'], name=op.f('fk_timebank_workshops_pool_id_place_pools')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_workshops')),
    sa.UniqueConstraint('pool_id', name=op.f('uq_timebank_workshops_pool_id'))
    )
    with op.batch_alter_table('timebank_workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_workshops_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshops_skill'), ['skill'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshops_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshops_status'), ['status'], unique=False)

    op.create_table('timebank_workshop_seats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('hold_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('contest_reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('credited_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('minutes IS NULL OR minutes > 0', name=op.f('ck_timebank_workshop_seats_minutes_positive')),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_workshop_seats_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_timebank_workshop_seats_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['hold_id'], ['place_holds.id'], name=op.f('fk_timebank_workshop_seats_hold_id_place_holds')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_timebank_workshop_seats_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['timebank_workshops.id'], name=op.f('fk_timebank_workshop_seats_workshop_id_timebank_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_workshop_seats')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_timebank_workshop_seats_entry_id')),
    sa.UniqueConstraint('hold_id', name=op.f('uq_timebank_workshop_seats_hold_id'))
    )
    with op.batch_alter_table('timebank_workshop_seats', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_workshop_seats_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshop_seats_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshop_seats_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_workshop_seats_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('timebank_agreement_credits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('giver_account_id', sa.Integer(), nullable=False),
    sa.Column('receiver_account_id', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('first_done_at', sa.DateTime(), nullable=False),
    sa.Column('first_done_side', sa.String(length=10), nullable=False),
    sa.Column('contest_reason', sa.Text(), nullable=False),
    sa.Column('blocked_reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('credited_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('giver_account_id <> receiver_account_id', name=op.f('ck_timebank_agreement_credits_two_accounts')),
    sa.CheckConstraint('minutes > 0', name=op.f('ck_timebank_agreement_credits_minutes_positive')),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_timebank_agreement_credits_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_timebank_agreement_credits_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['giver_account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_agreement_credits_giver_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['receiver_account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_agreement_credits_receiver_account_id_ledger_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_agreement_credits')),
    sa.UniqueConstraint('agreement_id', name=op.f('uq_timebank_agreement_credits_agreement_id')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_timebank_agreement_credits_entry_id'))
    )
    with op.batch_alter_table('timebank_agreement_credits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_agreement_credits_giver_account_id'), ['giver_account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_agreement_credits_receiver_account_id'), ['receiver_account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_agreement_credits_status'), ['status'], unique=False)

    with op.batch_alter_table('timebank_exchanges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hold_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_timebank_exchanges_hold_id'), ['hold_id'])
        batch_op.create_foreign_key(batch_op.f('fk_timebank_exchanges_hold_id_place_holds'), 'place_holds', ['hold_id'], ['id'])

    with op.batch_alter_table('timebank_posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pool_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_timebank_posts_pool_id'), ['pool_id'])
        batch_op.create_foreign_key(batch_op.f('fk_timebank_posts_pool_id_place_pools'), 'place_pools', ['pool_id'], ['id'])



def downgrade():
    with op.batch_alter_table('timebank_posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_timebank_posts_pool_id_place_pools'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_timebank_posts_pool_id'), type_='unique')
        batch_op.drop_column('pool_id')

    with op.batch_alter_table('timebank_exchanges', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_timebank_exchanges_hold_id_place_holds'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_timebank_exchanges_hold_id'), type_='unique')
        batch_op.drop_column('hold_id')

    with op.batch_alter_table('timebank_agreement_credits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_agreement_credits_status'))
        batch_op.drop_index(batch_op.f('ix_timebank_agreement_credits_receiver_account_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_agreement_credits_giver_account_id'))

    op.drop_table('timebank_agreement_credits')
    with op.batch_alter_table('timebank_workshop_seats', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_workshop_seats_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshop_seats_user_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshop_seats_status'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshop_seats_account_id'))

    op.drop_table('timebank_workshop_seats')
    with op.batch_alter_table('timebank_workshops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_workshops_status'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshops_starts_at'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshops_skill'))
        batch_op.drop_index(batch_op.f('ix_timebank_workshops_account_id'))

    op.drop_table('timebank_workshops')
    with op.batch_alter_table('timebank_skill_declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_skill_declarations_skill_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_skill_declarations_holder'))

    op.drop_table('timebank_skill_declarations')
    op.drop_table('timebank_settings')
    op.drop_table('timebank_skills')
