"""`flask --app wsgi market reindex` and `flask --app wsgi market check-index`."""
import sys

import click
from flask import current_app

from market.search.index import IndexUnavailable


def _index():
    from market.search import init_app
    return init_app(current_app._get_current_object())


@click.command("reindex")
@click.option("--wait", default=120.0, show_default=True, help="Secondes d'attente du verrou d'écriture.")
def reindex(wait):
    """Rebuild the search index from the database (the old index serves until the new one is complete)."""
    from market.search.indexer import IndexBusy
    index = _index()
    try:
        result = index.rebuild(lock_timeout=wait)
    except IndexBusy:
        click.echo("L'index est occupé par un autre processus (reconstruction en cours ?). Réessayez.", err=True)
        sys.exit(2)
    if index.backend == "postgres":
        click.echo(f"Recherche PostgreSQL : la base est l'index ({result['documents']} annonce(s) publiées) ; "
                   f"vocabulaire et statistiques rafraîchis en {result['seconds']} s.")
        return
    click.echo(f"Index reconstruit : {result['documents']} annonce(s) en {result['seconds']} s "
               f"({result['generation']}).")


def _sample(ids, n=10) -> str:
    shown = ", ".join(str(i) for i in ids[:n])
    return shown + (" …" if len(ids) > n else "")


@click.command("check-index")
def check_index():
    """Compare the search index with the database; exit status 1 when they differ."""
    from market.search.check import check
    index = _index()
    if index.backend == "postgres":
        missing = index.check()
        if missing:
            click.echo("Recherche PostgreSQL incomplète, il manque : " + ", ".join(missing)
                       + ". Lancez `flask --app wsgi db upgrade`.", err=True)
            sys.exit(1)
        click.echo("Recherche PostgreSQL : la base est l'index, rien à comparer. Index à jour.")
        return
    try:
        report = check(index)
    except IndexUnavailable as exc:
        click.echo(f"Index de recherche illisible ou absent : {exc}. Lancez `flask market reindex`.", err=True)
        sys.exit(1)
    click.echo(f"Annonces publiques : {report.expected} ; documents dans l'index : {report.indexed} ; "
               f"modifications en attente : {report.pending}.")
    for label, ids in (("manquantes", report.missing), ("en trop", report.extra),
                       ("périmées", report.stale), ("en double", report.duplicates)):
        if ids:
            click.echo(f"  {len(ids)} annonce(s) {label} : {_sample(ids)}")
    if not report.ok:
        click.echo("L'index diffère de la base : lancez `flask --app wsgi market reindex`.", err=True)
        sys.exit(1)
    click.echo("Index à jour.")


def register(market_cli):
    """Add the commands to the `flask market` group (called by market/cli.py)."""
    market_cli.add_command(reindex)
    market_cli.add_command(check_index)
