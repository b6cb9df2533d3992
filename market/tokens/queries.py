"""Reads on tokens: find one from its secret, list a person's, list all for the coordination team."""
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from market.extensions import db
from market.tokens import rules
from market.tokens.models import PersonalAccessToken


def by_secret(raw: str) -> PersonalAccessToken | None:
    """The token whose hash matches (revoked or expired included: the caller says why it refuses)."""
    if not rules.looks_like_token(raw):
        return None
    return db.session.scalar(sa.select(PersonalAccessToken).where(PersonalAccessToken.token_hash == rules.digest(raw))
                             .options(joinedload(PersonalAccessToken.user),
                                      joinedload(PersonalAccessToken.organization)))


def tokens_of(user) -> list[PersonalAccessToken]:
    return list(db.session.scalars(sa.select(PersonalAccessToken).where(PersonalAccessToken.user_id == user.id)
                                   .order_by(PersonalAccessToken.revoked_at.is_not(None),
                                             PersonalAccessToken.created_at.desc(), PersonalAccessToken.id.desc())))


def active_tokens() -> list[PersonalAccessToken]:
    """Every token not revoked, for the coordination team (most recently used first)."""
    return list(db.session.scalars(sa.select(PersonalAccessToken).where(PersonalAccessToken.revoked_at.is_(None))
                                   .options(joinedload(PersonalAccessToken.user))
                                   .order_by(PersonalAccessToken.last_used_at.desc().nulls_last(),
                                             PersonalAccessToken.id.desc())))
