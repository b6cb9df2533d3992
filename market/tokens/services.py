"""Writes on tokens: create (the secret is returned once), revoke, note a use. They flush, never commit."""
from market.extensions import db
from market.tokens import permissions, rules
from market.tokens.models import PersonalAccessToken
from market.types import utcnow


class NotAllowed(PermissionError):
    pass


def create_token(actor, name: str, scopes, expires_on=None, organization=None) -> tuple[PersonalAccessToken, str]:
    """A new token of `actor`; returns it with its secret, which is never stored nor shown again."""
    if not permissions.can_create(actor):
        raise NotAllowed()
    if organization is not None and actor.membership_in(organization) is None:
        raise NotAllowed()
    raw = rules.new_secret()
    token = PersonalAccessToken(user=actor, organization=organization, name=name.strip()[:80],
                                prefix=raw[:rules.SHOWN_PREFIX], token_hash=rules.digest(raw),
                                scopes=" ".join(s for s in rules.SCOPES if s in set(scopes) | {"read"}),
                                expires_at=rules.expiry_for(expires_on), created_at=utcnow())
    db.session.add(token)
    db.session.flush()
    return token, raw


def revoke_token(actor, token: PersonalAccessToken) -> PersonalAccessToken:
    """The token stops working at once; revoking twice keeps the first date."""
    if not permissions.can_revoke(actor, token):
        raise NotAllowed()
    if token.revoked_at is None:
        token.revoked_at, token.revoked_by = utcnow(), actor
        if actor.id != token.user_id:  # a coordinator's decision on someone's token: in the audit log
            _audit(actor, token)
        db.session.flush()
    return token


def _audit(actor, token: PersonalAccessToken) -> None:
    from market.moderation.models import AuditEntry
    db.session.add(AuditEntry(actor=actor, action="token_revoked", target_type="user", target_id=token.user_id,
                              target_label=f"{token.name} ({token.prefix}…) — {token.user.display_name}"[:200],
                              created_at=utcnow()))


def note_use(token: PersonalAccessToken, now=None) -> None:
    """Remember the last use, at most once a minute (a busy script would otherwise write on every call)."""
    now = now or utcnow()
    if rules.needs_last_use_update(token.last_used_at, now):
        token.last_used_at = now
        db.session.flush()
