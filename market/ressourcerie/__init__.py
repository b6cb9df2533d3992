"""The ressourcerie between members: batches given, reserved in turn through places, handed over, counted."""
import click


@click.command("ressourcerie-lapse")
def lapse_command():
    """Lapse the reservations not collected in time, tell their holders, offer the items to the next (cron)."""
    from flask import current_app

    from market.extensions import db
    from market.ressourcerie.services import lapse_and_tell
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        lapsed, told = lapse_and_tell()
        db.session.commit()
    click.echo(f"Réservations expirées : {lapsed} ; personnes prévenues : {told}.")


def init_app(app):
    """The lapse command, the "Mon espace" panel, and the notice to the next in line when places are offered."""
    from market.cli import market_cli
    from market.panels import register_panel
    from market.places.signals import place_offered
    from market.ressourcerie import notices, panel, rules
    from market.ressourcerie.labels import rlabel, rstatus

    market_cli.add_command(lapse_command)
    app.jinja_env.globals.update(rlabel=rlabel, rstatus=rstatus, kilos=rules.kilos)
    register_panel("ressourcerie", "ressourcerie/_panel.html", panel.context, order=40)
    place_offered.connect(notices.on_place_offered, weak=False)
