"""The ressourcerie between members: batches given, reserved in turn through places, handed over, counted."""
import click


@click.command("ressourcerie-lapse")
def lapse_command():
    """Lapse the reservations not collected in time, tell their holders, offer the items to the next; tell the
    members whose need a new batch answers (cron, every 5 minutes; idempotent)."""
    from flask import current_app

    from market.extensions import db
    from market.ressourcerie.services import lapse_and_tell
    from market.ressourcerie.elsewhere import tell_matching_needs
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        lapsed, told = lapse_and_tell()
        db.session.commit()
        batches, alerted = tell_matching_needs()
        db.session.commit()
    click.echo(f"Réservations expirées : {lapsed} ; personnes prévenues : {told}.")
    click.echo(f"Nouveaux lots : {batches} ; membres prévenus d'un lot pour leur besoin : {alerted}.")


def init_app(app):
    """The lapse command, the "Mon espace" panel, the notice to the next in line when places are offered, and
    the batches beside a search of the listings, beside a need's matches and in the newsletter."""
    from market.blocks import register_block
    from market.cli import market_cli
    from market.panels import register_panel
    from market.ressourcerie import elsewhere
    from market.places.signals import place_offered
    from market.ressourcerie import notices, panel, rules
    from market.ressourcerie.labels import rlabel, rstatus

    market_cli.add_command(lapse_command)
    app.jinja_env.globals.update(rlabel=rlabel, rstatus=rstatus, kilos=rules.kilos)
    register_panel("ressourcerie", "ressourcerie/_panel.html", panel.context, order=40)
    place_offered.connect(notices.on_place_offered, weak=False)
    from market.matching.elsewhere import register_answers
    from market.notifications.sections import DigestSection, register_digest_section
    from market.ressourcerie.answers import batches_for
    register_answers("ressourcerie", batches_for)
    from market.cache.hooks import watch
    from market.ressourcerie.models import Batch
    watch(Batch, lambda _batch: {elsewhere.OPEN_BATCHES})
    register_block("search", "ressourcerie", "ressourcerie/_search_block.html", elsewhere.search_block, order=40)
    register_digest_section(DigestSection("ressourcerie", elsewhere.digest_batches, elsewhere.digest_items,
                                          "ressourcerie/_digest.html", "ressourcerie/_digest.txt", order=40))
