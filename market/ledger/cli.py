"""`flask market ledger-check`: fails when a stored balance drifts from its lines or an entry is unbalanced."""
import click


@click.command("ledger-check")
@click.option("--book", default=None, help="Un seul livre (par exemple timebank).")
def ledger_check(book):
    """Compare every stored balance with the sum of its lines; exit 1 on any drift."""
    from market.ledger.queries import drift
    problems = drift(book)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Grand livre cohérent : chaque écriture s'équilibre, chaque solde égale la somme de ses lignes.")


def init_app(app):
    from market.cli import market_cli
    market_cli.add_command(ledger_check)
