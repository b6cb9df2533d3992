"""The `flask market ...` commands: coordinators, imports, demo data, expiry, search index."""
import click
from flask.cli import AppGroup

from market.extensions import db

market_cli = AppGroup("market", help="Commandes du réseau : imports, démo, modération, index.")


@market_cli.command("create-coordinator")
@click.argument("email")
@click.option("--name", default="Coordination du réseau", help="Nom affiché.")
@click.password_option("--password", help="Mot de passe (demandé s'il n'est pas donné).")
def create_coordinator(email, name, password):
    """Create a coordinator account, or give an existing account the coordinator role."""
    from market.auth.services import find_user, register_user
    if len(password) < 10:
        raise click.UsageError("Le mot de passe doit comporter au moins 10 caractères.")
    user = find_user(email)
    if user is None:
        user = register_user(email, name, password, coordinator=True)
        click.echo(f"Compte de coordination créé : {user.email}")
    else:
        user.is_coordinator = True
        click.echo(f"{user.email} est maintenant coordinateur·rice.")
    db.session.commit()


@market_cli.command("expire-listings")
def expire_listings():
    """Expire listings past their date and send the reminder 7 days before (run daily by cron)."""
    from market.listings.reminders import send_expiry_reminders
    from market.listings.services import expire_due_listings
    expired = expire_due_listings()
    db.session.commit()
    sent = send_expiry_reminders()
    click.echo(f"{len(expired)} annonce(s) expirée(s), {sent} rappel(s) envoyé(s).")


@market_cli.command("lapse-places")
def lapse_places():
    """Lapse reservations and offers past their time and pass the places on (run every few minutes)."""
    from market.places.services import lapse_due
    lapsed = lapse_due()
    db.session.commit()
    click.echo(f"{lapsed} place(s) arrivée(s) à échéance.")


def register(app):
    from market.demo.cli import seed_demo
    from market.imports.cli import import_group
    market_cli.add_command(import_group)
    market_cli.add_command(seed_demo)
    from market.matching.cli import match_terms
    market_cli.add_command(match_terms)
    from market.search import cli as search_cli
    search_cli.register(market_cli)
    app.cli.add_command(market_cli)
