"""Members' public events in the network's agenda (market/network/agenda_sources.py), from their shifts' times."""
import sqlalchemy as sa

from market.events.models import Event, Shift
from market.extensions import db
from market.network.agenda_sources import AgendaItem


def public_events_between(start=None, end=None) -> list[AgendaItem]:
    """Published events whose shifts overlap [start, end): one date each, from the first shift to the last."""
    span = (sa.select(Shift.event_id, sa.func.min(Shift.starts_at).label("first"),
                      sa.func.max(Shift.ends_at).label("last")).group_by(Shift.event_id).subquery())
    stmt = (sa.select(Event, span.c.first, span.c.last).join(span, span.c.event_id == Event.id)
            .where(Event.status == "published"))
    if start is not None:
        stmt = stmt.where(span.c.last > start)
    if end is not None:
        stmt = stmt.where(span.c.first < end)
    return [AgendaItem(uid=f"event-{e.id}", title=e.title, starts_at=first, ends_at=last, url=e.url,
                       organiser_name=", ".join(o.name for o in e.organizations), venue=e.place,
                       commune=e.commune, description=e.description, updated_at=e.created_at)
            for e, first, last in db.session.execute(stmt.order_by(span.c.first))]
