"""JSON shapes of conversations, messages, bookings and loans, for the two sides of a conversation only."""
from flask import url_for
from flask_babel import gettext as _

from market.api.serializers import iso_date, iso_datetime


def message(item) -> dict:
    hidden = item.hidden_at is not None
    return {"id": item.id, "author": item.author.display_name if item.author else "",
            "body": _("Message masqué par la coordination.") if hidden else item.body,
            "hidden": hidden, "created_at": iso_datetime(item.created_at)}


def conversation(item, side: str) -> dict:
    return {"id": item.id, "listing_id": item.listing_id, "listing_title": item.listing.title, "side": side,
            "owner": item.side_name("owner"), "requester": item.side_name("requester"),
            "created_at": iso_datetime(item.created_at), "last_message_at": iso_datetime(item.last_message_at),
            "messages": [message(m) for m in item.messages],
            "url": url_for("exchanges.conversation", conversation_id=item.id, _external=True)}


def booking(item) -> dict:
    return {"id": item.id, "listing_id": item.listing_id, "conversation_id": item.conversation_id,
            "status": item.status, "starts_at": iso_datetime(item.starts_at), "ends_at": iso_datetime(item.ends_at),
            "attendees": item.attendees, "message": item.message or "", "decline_reason": item.decline_reason or "",
            "cancel_reason": item.cancel_reason or "", "owner": item.owner_name, "requester": item.requester_name,
            "created_at": iso_datetime(item.created_at),
            "url": url_for("exchanges.booking", booking_id=item.id, _external=True)}


def loan(item) -> dict:
    return {"id": item.id, "listing_id": item.listing_id, "conversation_id": item.conversation_id,
            "status": item.status, "quantity": item.quantity, "starts_on": iso_date(item.starts_on),
            "due_on": iso_date(item.due_on), "deposit_cents": item.deposit_cents, "message": item.message or "",
            "decline_reason": item.decline_reason or "", "cancel_reason": item.cancel_reason or "",
            "owner": item.owner_name, "requester": item.requester_name, "created_at": iso_datetime(item.created_at),
            "url": url_for("exchanges.loan", loan_id=item.id, _external=True)}


def agreement(item) -> dict:
    return {"id": item.id, "listing_id": item.listing_id, "conversation_id": item.conversation_id,
            "status": item.status, "title": item.title, "scheduled_on": iso_date(item.scheduled_on),
            "time_note": item.time_note or "", "minutes": item.minutes, "proposed_by_side": item.proposed_by_side,
            "cancel_reason": item.cancel_reason or "", "owner": item.owner_name, "requester": item.requester_name,
            "created_at": iso_datetime(item.created_at),
            "url": url_for("exchanges.agreement", agreement_id=item.id, _external=True)}
