"""`flask market import organizations|listings FILE.csv [--skip-invalid]`: thin wrappers that commit once."""
import sys

import click
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from market.extensions import db
from market.imports.reader import ENCODING_LABELS, delimiter_name

import_group = AppGroup("import", help="Importer des structures ou des annonces depuis un fichier CSV.")

FILE = click.Path(exists=True, dir_okay=False, readable=True)
SKIP_HELP = "Importer les lignes valides et lister les lignes rejetées (par défaut, rien n'est importé si une ligne est fausse)."
HINT = "Corrigez le fichier, ou relancez avec --skip-invalid pour n'importer que les lignes valides."
PROGRESS_FROM = 10_000  # lines: shorter files are read in a few seconds


@import_group.command("organizations", help="Importer des structures (créées vérifiées, sans membres). "
                      "Colonnes : name, legal_form, commune, postal_code, email, website, phone, description, "
                      "sectors, siret, rna.", short_help="Importer des structures depuis un CSV.")
@click.argument("path", type=FILE, metavar="FICHIER.csv")
@click.option("--skip-invalid", is_flag=True, help=SKIP_HELP)
def import_organizations_command(path, skip_invalid):
    """Import member organisations (created as verified, without members)."""
    from market.imports.organizations import import_organizations
    result = _run(lambda source, progress: import_organizations(source, skip_invalid, progress), path,
                  "Lignes lues")
    _report(result, "structure(s) traitée(s)", [("créée(s)", result.created), ("mise(s) à jour", result.updated),
                                                  ("déjà à jour", result.skipped)])


@import_group.command("listings", help="Importer des offres et besoins de structures existantes, publiés "
                      "aussitôt. Colonnes : organization, kind, category, title, description, commune, postal_code, "
                      "terms, price_eur, quantity, available_from, available_until, urgent, tags.",
                      short_help="Importer des annonces depuis un CSV.")
@click.argument("path", type=FILE, metavar="FICHIER.csv")
@click.option("--author", metavar="EMAIL", help="Compte de coordination auteur des annonces (par défaut : le premier).")
@click.option("--skip-invalid", is_flag=True, help=SKIP_HELP)
def import_listings_command(path, author, skip_invalid):
    """Import offers and needs of existing organisations, published at once."""
    from market.imports.listings import import_listings
    result = _run(lambda source, progress: import_listings(source, author_email=author,
                                                           skip_invalid=skip_invalid, progress=progress),
                  path, "Lignes lues")
    _report(result, "annonce(s) traitée(s)", [("publiée(s)", result.created), ("déjà présente(s)", result.skipped)])


def _run(do_import, path, label):
    """Read the file as a stream (a progress bar for long ones), then commit once, or roll back."""
    progress = Progress(label)
    try:
        with open(path, "rb") as source:
            result = do_import(source, progress)
        if result.should_commit:
            progress.close()
            if progress.shown:  # the search index is written after the commit: say so, it takes a while
                click.echo("Enregistrement et mise à jour de l'index de recherche…", err=True)
            db.session.commit()
        else:
            db.session.rollback()
    except OSError as exc:
        db.session.rollback()
        raise click.ClickException(f"Impossible de lire {path} : {exc.strerror}") from None
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise click.ClickException(f"Erreur de la base de données, rien n'a été importé : {exc.__class__.__name__}.") from None
    finally:
        progress.close()
    return result


class Progress:
    """A progress bar on the terminal (standard error) for files of PROGRESS_FROM lines or more."""

    def __init__(self, label):
        self.label, self.bar, self.shown = label, None, False

    def __call__(self, line: int, lines: int) -> None:
        if self.bar is None:
            if lines < PROGRESS_FROM:
                return
            self.bar = click.progressbar(length=lines, label=self.label, file=sys.stderr,
                                         show_eta=True, show_pos=True, item_show_func=None)
            self.bar.__enter__()
            self.shown = True
        self.bar.update(max(0, min(line, self.bar.length) - self.bar.pos))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _report(result, what, counts):
    if result.encoding:
        click.echo(f"Fichier lu : encodage {ENCODING_LABELS[result.encoding]}, séparateur {delimiter_name(result.delimiter)}.")
    if result.ignored_columns:
        click.echo("Colonnes ignorées : " + ", ".join(result.ignored_columns))
    for message in result.messages():
        click.echo(message, err=True)
    if result.fatal:
        raise click.ClickException("Import impossible, rien n'a été importé.")
    rejected = len(result.rejected_lines)
    if not result.should_commit:
        click.echo(f"Rien n'a été importé : {rejected} ligne(s) rejetée(s). {HINT}", err=True)
        raise SystemExit(1)
    click.echo(f"{sum(n for _, n in counts)} {what} : " + ", ".join(f"{n} {label}" for label, n in counts) + ".")
    if rejected:
        click.echo(f"{rejected} ligne(s) rejetée(s), non importée(s) (voir ci-dessus).")
