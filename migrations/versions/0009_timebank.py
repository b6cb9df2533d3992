"""time bank and its double-entry ledger

Revision ID: 0009_timebank
Revises: 0010_events
Create Date: 2026-12-02 18:45:27

Ledger accounts (stored balance held between its hard limits by CHECK constraints), entries and their
lines; the time bank's coups de pouce and their exchanges.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_timebank'
down_revision = '0010_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('ledger_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('book', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=160), nullable=False),
    sa.Column('balance', sa.Integer(), server_default='0', nullable=False),
    sa.Column('hard_floor', sa.Integer(), nullable=True),
    sa.Column('hard_ceiling', sa.Integer(), nullable=True),
    sa.Column('soft_floor', sa.Integer(), nullable=True),
    sa.Column('soft_ceiling', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('hard_ceiling IS NULL OR balance <= hard_ceiling', name=op.f('ck_ledger_accounts_below_ceiling')),
    sa.CheckConstraint('hard_floor IS NULL OR balance >= hard_floor', name=op.f('ck_ledger_accounts_above_floor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_accounts')),
    sa.UniqueConstraint('book', 'holder', name='uq_ledger_accounts_book_holder')
    )
    op.create_table('ledger_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('book', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('memo', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=80), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_ledger_entries_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reverses_id'], ['ledger_entries.id'], name=op.f('fk_ledger_entries_reverses_id_ledger_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_ledger_entries_reverses_id'))
    )
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entries_book'), ['book'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_source'), ['source'], unique=False)

    op.create_table('timebank_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('skill', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_posts_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_timebank_posts_author_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_posts'))
    )
    with op.batch_alter_table('timebank_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_posts_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_posts_skill'), ['skill'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_posts_status'), ['status'], unique=False)

    op.create_table('ledger_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount <> 0', name=op.f('ck_ledger_lines_amount_not_zero')),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_accounts.id'], name=op.f('fk_ledger_lines_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_ledger_lines_entry_id_ledger_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_lines'))
    )
    with op.batch_alter_table('ledger_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_lines_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_lines_entry_id'), ['entry_id'], unique=False)

    op.create_table('timebank_exchanges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('giver_account_id', sa.Integer(), nullable=False),
    sa.Column('receiver_account_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('contest_reason', sa.Text(), nullable=False),
    sa.Column('credited_at', sa.DateTime(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('giver_account_id <> receiver_account_id', name=op.f('ck_timebank_exchanges_two_accounts')),
    sa.CheckConstraint('minutes IS NULL OR minutes > 0', name=op.f('ck_timebank_exchanges_minutes_positive')),
    sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], name=op.f('fk_timebank_exchanges_entry_id_ledger_entries')),
    sa.ForeignKeyConstraint(['giver_account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_exchanges_giver_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['post_id'], ['timebank_posts.id'], name=op.f('fk_timebank_exchanges_post_id_timebank_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['receiver_account_id'], ['ledger_accounts.id'], name=op.f('fk_timebank_exchanges_receiver_account_id_ledger_accounts')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_timebank_exchanges_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_timebank_exchanges_requested_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timebank_exchanges')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_timebank_exchanges_entry_id'))
    )
    with op.batch_alter_table('timebank_exchanges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timebank_exchanges_giver_account_id'), ['giver_account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_exchanges_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_exchanges_receiver_account_id'), ['receiver_account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timebank_exchanges_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('timebank_exchanges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_exchanges_status'))
        batch_op.drop_index(batch_op.f('ix_timebank_exchanges_receiver_account_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_exchanges_post_id'))
        batch_op.drop_index(batch_op.f('ix_timebank_exchanges_giver_account_id'))

    op.drop_table('timebank_exchanges')
    with op.batch_alter_table('ledger_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_lines_entry_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_lines_account_id'))

    op.drop_table('ledger_lines')
    with op.batch_alter_table('timebank_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timebank_posts_status'))
        batch_op.drop_index(batch_op.f('ix_timebank_posts_skill'))
        batch_op.drop_index(batch_op.f('ix_timebank_posts_author_id'))

    op.drop_table('timebank_posts')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entries_source'))
        batch_op.drop_index(batch_op.f('ix_ledger_entries_book'))

    op.drop_table('ledger_entries')
    op.drop_table('ledger_accounts')
