"""From a match to an exchange: conversations, premises bookings, equipment loans, agreements."""
import click


@click.command("send-exchange-reminders")
def send_exchange_reminders():
    """Loan reminders: the day before pickup, the day before the due date, overdue (run daily by cron)."""
    from flask import current_app

    from market.exchanges.loans import send_reminders
    from market.extensions import db
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        counts = send_reminders()
        db.session.commit()
    click.echo(f"Rappels envoyés : {counts['pickup']} retrait(s), {counts['due']} retour(s), "
               f"{counts['overdue']} retard(s).")


def init_app(app):
    """Template helpers (labels, linkified messages, unread count, thank-you notes), the CLI command, the panel."""
    from market.cli import market_cli
    from market.exchanges.base import duration, span
    from market.exchanges.labels import xlabel
    from market.exchanges.panel import to_decide_panel
    from market.exchanges.text import linkify
    from market.panels import register_panel

    market_cli.add_command(send_exchange_reminders)
    register_panel("to-decide", "exchanges/_panel_to_decide.html", to_decide_panel, order=10)
    app.jinja_env.globals.update(xlabel=xlabel, exchange_span=span, exchange_duration=duration,
                                 exchange_unread_count=_unread_count, exchange_thanks_for=_thanks_for)
    app.jinja_env.filters["linkify"] = linkify


def _unread_count() -> int:
    from flask_login import current_user

    from market.exchanges.conversations import total_unread
    return total_unread(current_user)


def _thanks_for(organization) -> list[dict]:
    from market.exchanges.agreements import thanks_for
    return thanks_for(organization)
