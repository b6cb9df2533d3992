"""`flask market seed-demo` (placeholder until the demo data lands)."""
import click


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Ne rien faire si la base contient déjà des données.")
def seed_demo(if_empty):
    """Fill an empty database with fictional demo data."""
    click.echo("Pas encore de données de démonstration.")
