"""`flask market seed-demo [--if-empty]`: fill an empty database with fictional demo data, commit once."""
import click
from flask import current_app
from flask.cli import with_appcontext

from market.extensions import db


@click.command("seed-demo", help="Remplir une base vide avec des données de démonstration fictives "
               "(structures, comptes, une soixantaine d'annonces) et afficher les identifiants.")
@click.option("--if-empty", is_flag=True, help="Ne rien faire (sans erreur) si la base contient déjà des structures.")
@click.option("--allow-production", is_flag=True,
              help="Accepter de charger la démo en production (comptes au mot de passe public).")
@with_appcontext
def seed_demo(if_empty, allow_production):
    """Fill an empty database with fictional demo data (organisations, accounts, ~60 listings)."""
    from market.auth.services import EmailTaken
    from market.demo import data, loader
    if current_app.config.get("ENV_NAME") == "production" and not allow_production:
        raise click.ClickException("Environnement de production : les comptes de démonstration ont un mot de "
                                   "passe public. Relancez avec --allow-production si c'est voulu.")
    if not loader.database_is_empty():
        if if_empty:
            click.echo("La base contient déjà des structures : données de démonstration non chargées.")
            logins = loader.present_demo_logins()
            if logins:
                _print_summary(loader.counts(), logins, data.PASSWORD, again=True)
            return
        raise click.ClickException("La base contient déjà des structures : seed-demo ne remplit qu'une base "
                                   "vide (utilisez --if-empty pour passer sans erreur).")
    try:
        loaded = loader.load()
    except EmailTaken as exc:
        db.session.rollback()
        raise click.ClickException(f"Le compte {exc} existe déjà : rien n'a été chargé.") from None
    db.session.commit()
    pending_orgs = sum(1 for o in loaded.organizations if o.status == "pending")
    pending = sum(1 for listing in loaded.listings if listing.status == "pending")
    _print_summary((len(loaded.organizations), pending_orgs, len(loaded.listings), pending), loaded.logins,
                   data.PASSWORD)


def _print_summary(figures, logins, password, again=False):
    organizations, pending_orgs, listings, pending = figures
    click.echo(f"Données de démonstration {'présentes' if again else 'chargées'} : {organizations} structures "
               f"({pending_orgs} à vérifier), {listings} annonces ({pending} en attente de modération).")
    note = " (sauf si vous l'avez changé)" if again else ""
    click.echo(f"Mot de passe commun à tous les comptes de démonstration{note} : {password}")
    click.echo("")
    width = max(len(email) for email, _, _ in logins) + 2
    click.echo("E-mail".ljust(width) + "Rôle".ljust(16) + "Structure")
    for email, role, organization in logins:
        click.echo(email.ljust(width) + role.ljust(16) + organization)
