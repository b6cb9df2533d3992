"""The agenda as an iCalendar feed, written by the exchanges' calendar writer (market.exchanges.ical)."""
from datetime import timedelta
from urllib.parse import urljoin

from flask import url_for
from flask_babel import gettext as _

from market.exchanges.ical import Event, calendar
from market.network.labels import format_label
from market.network import queries_agenda

PAST_DAYS = 90


def feed_body(host: str, now=None) -> str:
    """The network's meetings and members' public events from 90 days ago on."""
    meetings = queries_agenda.dates_between(start=(now or queries_agenda.utcnow()) - timedelta(days=PAST_DAYS))
    events = []
    for m in meetings:
        place = ", ".join(p for p in (m.venue, m.commune.name if m.commune else "") if p)
        details = [format_label(m.format), _("Organisé par %(name)s", name=m.organiser_name)]
        if m.status == "cancelled":
            details.insert(0, _("ANNULÉ"))
        if m.description:
            details.append(m.description)
        summary = m.title if m.status != "cancelled" else _("Annulé : %(title)s", title=m.title)
        events.append(Event(uid=f"{m.uid}@{host}", start=m.starts_at, end=m.ends_at,
                            summary=summary, description="\n".join(details), location=place,
                            url=urljoin(url_for("main.home", _external=True), m.url), stamp=m.updated_at))
    return calendar(_("Agenda du réseau"), events, now)
