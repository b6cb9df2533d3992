"""`flask market create-token` and `revoke-token`: tokens for scripts, made on the server (the page is the usual way)."""
import click
import sqlalchemy as sa

from market.extensions import db


@click.command("create-token")
@click.argument("email")
@click.argument("name")
@click.option("--write", is_flag=True, help="Avec le droit d'écriture (publier, répondre).")
@click.option("--organization", "slug", default=None, help="Limiter le jeton à cette structure (slug).")
def create_token(email, name, write, slug):
    """Create a token for the account EMAIL and print it (the only time it is shown)."""
    from market.accounts.models import Organization, User
    from market.tokens import services
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"Aucun compte pour {email}.")
    organization = None
    if slug:
        organization = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
        if organization is None:
            raise click.ClickException(f"Aucune structure « {slug} ».")
    try:
        _token, raw = services.create_token(user, name, ["read", "write"] if write else ["read"],
                                            organization=organization)
    except services.NotAllowed as exc:
        raise click.ClickException("Ce compte ne peut pas créer de jeton (suspendu, ou pas membre de la structure).") \
            from exc
    db.session.commit()
    click.echo(raw)


@click.command("revoke-token")
@click.argument("prefix")
def revoke_token(prefix):
    """Revoke every active token whose start is PREFIX (as listed on the tokens page), as the system."""
    from market.tokens.models import PersonalAccessToken
    from market.types import utcnow
    tokens = db.session.scalars(sa.select(PersonalAccessToken).where(
        PersonalAccessToken.prefix == prefix[:10], PersonalAccessToken.revoked_at.is_(None))).all()
    for token in tokens:
        token.revoked_at = utcnow()
    db.session.commit()
    click.echo(f"{len(tokens)} jeton(s) révoqué(s).")
