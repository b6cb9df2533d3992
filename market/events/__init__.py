"""Volunteers for every event: shifts held through market/places, sign-ups, reminders, hours that count."""
import click


@click.command("send-shift-reminders")
def send_shift_reminders():
    """The day before a shift, its volunteers; the day after, its organisers (run daily by cron)."""
    from flask import current_app

    from market.events.notices import send_reminders
    from market.extensions import db
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        counts = send_reminders()
        db.session.commit()
    click.echo(f"Rappels envoyés : {counts['volunteers']} bénévole(s), {counts['organisers']} organisateur(s).")


def panel_context(user) -> dict | None:
    """"Mon espace": my next shifts (and places offered to me), then shifts near me for volunteers."""
    from market.events import queries
    from market.places.models import HoldStatus
    from market.types import utcnow
    now = utcnow()
    mine = queries.shifts_of(user, (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING), since=now)
    nearby = queries.nearby_shifts(user, now) if user.is_volunteer else []
    if not mine and not nearby:
        return None
    return {"mine": mine[:5], "nearby": nearby, "HoldStatus": HoldStatus}


def init_app(app):
    """The CLI command, the "Mon espace" panel and the offer of a freed place."""
    from market.cli import market_cli
    from market.events import figures  # noqa: F401  (registers the observatory's figures)
    from market.events.notices import on_place_offered
    from market.panels import register_panel
    from market.places.signals import place_offered

    from market.exchanges.base import when
    market_cli.add_command(send_shift_reminders)
    app.jinja_env.globals.update(event_when=when)
    register_panel("events", "events/_panel.html", panel_context, order=20)
    from market.events.agenda import public_events_between
    from market.network.agenda_sources import register_source
    register_source("events", public_events_between)
    place_offered.connect(on_place_offered, weak=False)
