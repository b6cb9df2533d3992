"""`flask market match-terms`: write the analysed words of the listings that lack them or whose are stale."""
import click


@click.command("match-terms")
def match_terms():
    """Analyse again the listings whose stored words are missing or stale: once after the upgrade that
    added them, and after editing market/matching/types.txt or the search synonyms."""
    from market.matching.terms import refresh
    written = refresh()
    click.echo(f"{written} annonce(s) analysée(s) pour les correspondances.")
