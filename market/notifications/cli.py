"""Commands `market send-notifications` and `market send-digest` (run by cron or a systemd timer).

    */5 * * * *  flask --app wsgi market send-notifications
    0 7 * * 1    flask --app wsgi market send-digest --period weekly

Both are safe to run again, or concurrently: see sender.py and digest.py.
"""
import click
from flask.cli import with_appcontext

from market.notifications.rules import PARIS


@click.command("send-notifications")
@click.option("--limit", default=500, show_default=True, help="Nombre maximal d'e-mails envoyés par passage.")
@click.option("--no-alerts", is_flag=True, help="N'envoyer que la file d'e-mails, sans calculer les alertes.")
@with_appcontext
def send_notifications(limit, no_alerts):
    """Compute the alerts of new listings, then send the e-mails that are due."""
    from market.notifications.sender import send_due
    if not no_alerts:
        from market.matching.alerts import process_jobs
        counts = process_jobs()
        click.echo(f"Alertes : {counts['match']} correspondance(s), {counts['saved_search']} recherche(s) "
                   f"enregistrée(s), {counts['urgent']} appel(s) urgent(s).")
    report = send_due(limit=limit)
    click.echo(f"E-mails : {report}.")
    if report.counts["uncertain"]:
        click.echo("Attention : des e-mails interrompus pendant l'envoi ne sont pas renvoyés "
                   "(statut « uncertain ») : vérifiez-les.", err=True)


@click.command("send-digest")
@click.option("--period", type=click.Choice(["weekly", "daily"]), default="weekly", show_default=True)
@with_appcontext
def send_digest(period):
    """Send the network's newsletter to each subscriber, once per period (running it again sends nothing new)."""
    from market.notifications import digest
    from market.notifications.sender import send_due
    from market.types import utcnow
    now = utcnow()
    queued = digest.prepare(period, now)
    report = send_due(now=now, limit=100000, stream="digest")
    click.echo(f"Lettre {period} du {now.astimezone(PARIS):%d/%m/%Y} : {queued} préparée(s) ; e-mails : {report}.")
