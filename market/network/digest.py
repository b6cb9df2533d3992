"""The network's next dates in the newsletter (market/notifications/sections.py)."""
from datetime import timedelta

from market.i18n import format_when
from market.network import queries_agenda
from market.notifications.sections import DigestSection, register_digest_section

AHEAD = timedelta(days=31)  # the dates of the coming month
LIMIT = 6


def collect(user, since, until) -> list[str]:
    return [d.uid for d in queries_agenda.dates_between(until, until + AHEAD) if d.status == "published"][:LIMIT]


def expand(uids: list[str]) -> list[dict]:
    """The dates still to come, in order, as the letter shows them (a date cancelled since is left out)."""
    from market.notifications.compose import absolute
    now = queries_agenda.utcnow()
    by_uid = {d.uid: d for d in queries_agenda.dates_between(now, now + 2 * AHEAD) if d.status == "published"}
    return [{"title": d.title, "when": format_when(d.starts_at), "url": absolute(d.url), "by": d.organiser_name,
             "place": ", ".join(p for p in (d.venue, d.commune.name if d.commune else "") if p)}
            for d in (by_uid[u] for u in uids if u in by_uid)]


def init_app(app):
    register_digest_section(DigestSection("agenda", collect, expand, "network/_digest_dates.html",
                                          "network/_digest_dates.txt", news=False, order=50))
