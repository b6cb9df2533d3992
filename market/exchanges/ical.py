"""iCalendar feeds (RFC 5545) of bookings, per organisation and per room, behind a secret address."""
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from market.exchanges import permissions
from market.exchanges.base import NotAllowed
from market.exchanges.models import Booking, CalendarFeed, Conversation
from market.extensions import db
from market.types import utcnow

PRODID = "-//Reseau ESS//Entraide ESS//FR"
PAST_DAYS = 90


@dataclass
class Event:
    uid: str
    start: datetime
    end: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    stamp: datetime | None = None


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF + space, never cutting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a multi-byte character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with one space
    return "\r\n ".join(parts)


def utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events, now: datetime | None = None) -> str:
    now = now or utcnow()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}", "X-WR-TIMEZONE:Europe/Paris"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{utc(event.stamp or now)}",
                  f"DTSTART:{utc(event.start)}", f"DTEND:{utc(event.end)}", f"SUMMARY:{escape(event.summary)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# Feeds ---------------------------------------------------------------------------------------------

def feed_of(organization=None, listing=None, create: bool = True) -> CalendarFeed | None:
    stmt = sa.select(CalendarFeed).where(CalendarFeed.organization_id == organization.id if organization
                                         else CalendarFeed.listing_id == listing.id)
    feed = db.session.scalar(stmt)
    if feed is None and create:
        feed = CalendarFeed(token=secrets.token_urlsafe(32), organization=organization, listing=listing,
                            created_at=utcnow())
        db.session.add(feed)
        db.session.flush()
    return feed


def renew(actor, feed) -> CalendarFeed:
    """A new secret address: the old one stops working (when it was shared too widely)."""
    allowed = (permissions.can_manage_feeds(actor, feed.organization) if feed.organization
               else permissions.can_manage_room(actor, feed.listing))
    if not allowed:
        raise NotAllowed()
    feed.token = secrets.token_urlsafe(32)
    db.session.flush()
    return feed


def _bookings(condition, now):
    return db.session.scalars(sa.select(Booking).join(Conversation).where(
        Booking.status == "accepted", Booking.ends_at > now - timedelta(days=PAST_DAYS), condition)
        .order_by(Booking.starts_at)).all()


def _event(booking, host: str, owner_view: bool) -> Event:
    room = booking.listing
    if owner_view:
        summary = _("%(room)s – réservée par %(who)s", room=room.title, who=booking.requester_name)
    else:
        summary = _("%(room)s (%(owner)s)", room=room.title, owner=booking.owner_name)
    details = [booking.message] if booking.message else []
    if booking.attendees:
        details.append(_("Personnes attendues : %(num)d", num=booking.attendees))
    return Event(uid=f"booking-{booking.id}@{host}", start=booking.starts_at, end=booking.ends_at, summary=summary,
                 description="\n".join(details), location=room.commune_name,
                 url=url_for("exchanges.booking", booking_id=booking.id, _external=True),
                 stamp=booking.decided_at or booking.created_at)


def feed_body(feed, host: str, now=None) -> str:
    now = now or utcnow()
    if feed.listing is not None:
        events = [_event(b, host, True) for b in _bookings(Booking.listing_id == feed.listing_id, now)]
        return calendar(_("Réservations – %(room)s", room=feed.listing.title), events, now)
    org_id = feed.organization_id
    events = [_event(b, host, b.conversation.owner_org_id == org_id)
              for b in _bookings(sa.or_(Conversation.owner_org_id == org_id, Conversation.requester_org_id == org_id), now)]
    return calendar(_("Réservations – %(name)s", name=feed.organization.name), events, now)
