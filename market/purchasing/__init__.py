"""Pooled purchasing: members commit quantities, the unit price falls with the total, the deadline freezes the amounts."""
import click


@click.command("close-purchases")
def close_purchases():
    """Close every group purchase past its deadline (run by cron; running it twice changes nothing more)."""
    from flask import current_app

    from market.extensions import db
    from market.purchasing.closing import close_due
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        counts = close_due()
        db.session.commit()
    click.echo(f"Achats groupés clos : {counts['confirmed']} confirmé(s), {counts['short']} sous le minimum, "
               f"{counts['cancelled']} annulé(s).")


def init_app(app):
    """The CLI command, the "Mon espace" panel and the observatory's figures (importing registers them)."""
    from market.cli import market_cli
    from market.purchasing import figures as _figures  # noqa: F401
    from market.panels import register_panel
    from market.purchasing.labels import purchase_split, purchase_status, quote_phase, unit_for
    from market.purchasing.panel import panel_context

    market_cli.add_command(close_purchases)
    app.jinja_env.globals.update(purchase_status=purchase_status, purchase_split=purchase_split,
                                 quote_phase=quote_phase, unit_for=unit_for)
    register_panel("purchasing", "purchasing/_panel.html", panel_context, order=40)
    from market.matching.elsewhere import register_answers
    from market.purchasing.answers import groups_for
    register_answers("purchasing", groups_for)
