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


NEARBY_ON_HOME = 6
PANEL_ITEMS = 5


def panel_context(user) -> dict | None:
    """"Mon espace" of a volunteer: invitations to answer, my next shifts (and places offered to me), then
    shifts and volunteering needs within my own radius, urgent calls first, each with "Je m'inscris"."""
    from market.events import home, queries
    from market.places.models import HoldStatus
    from market.types import utcnow
    now = utcnow()
    mine = queries.shifts_of(user, (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING), since=now)
    profile = user.volunteer_profile
    invitations = home.pending_invitations(user, now) if profile else []
    nearby = home.nearby(user, now) if profile else []
    if not mine and not invitations and not nearby and profile is None:
        return None
    return {"mine": mine[:PANEL_ITEMS], "invitations": invitations, "nearby": nearby[:NEARBY_ON_HOME],
            "more": len(nearby) > NEARBY_ON_HOME, "profile": profile, "HoldStatus": HoldStatus}


def pool_panel_context(user) -> dict | None:
    """"Mon espace" of an organiser: shifts with places left and volunteering needs, with the volunteers of
    the pool whose skills meet them (a link to invite them)."""
    from market.events import permissions, pool, queries
    from market.extensions import db
    from market.listings.models import Listing
    from market.listings.queries import public_condition
    from market.places.services import free
    if not permissions.can_search_pool(user) or not user.organizations:
        return None
    shifts = [s for s in queries.shifts_run_by(user) if free(s.pool)][:PANEL_ITEMS]
    ids = [o.id for o in user.organizations]
    needs = list(db.session.scalars(db.select(Listing).where(
        public_condition(), Listing.organization_id.in_(ids), Listing.kind == "need",
        Listing.category == "volunteering").order_by(Listing.urgent.desc(), Listing.id.desc()).limit(PANEL_ITEMS)))
    profiles = pool.visible_profiles(user.id) if shifts or needs else []
    rows = [("shift", s, pool.for_shift(s, profiles=profiles)) for s in shifts] + \
           [("need", n, pool.for_need(n, profiles=profiles)) for n in needs]
    return {"rows": [(kind, item, [c for c in found if c.fit.skills], len(found)) for kind, item, found in rows],
            "free": free, "organizations": [o for o in user.organizations if permissions.can_see_hours(user, o)]}


def init_app(app):
    """The CLI command, the "Mon espace" panels (the volunteer's, the organiser's pool), the offer of a freed
    place, the dates of templates."""
    from market.cli import market_cli
    from market.events import figures  # noqa: F401  (registers the observatory's figures)
    from market.events.notices import on_place_offered
    from market.events.text import event_day, shift_hours
    from market.exchanges.base import when
    from market.panels import register_panel
    from market.places.signals import place_offered

    market_cli.add_command(send_shift_reminders)
    app.jinja_env.globals.update(event_when=when, event_day=event_day, shift_hours=shift_hours)
    register_panel("events", "events/_panel.html", panel_context, order=20)
    from market.events.agenda import public_events_between
    from market.network.agenda_sources import register_source
    register_source("events", public_events_between)
    register_panel("events_pool", "events/_pool_panel.html", pool_panel_context, order=21)
    place_offered.connect(on_place_offered, weak=False)
