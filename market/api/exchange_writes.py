"""Conversations, bookings and loans through the API: the pages' forms, services and permission functions."""
from flask import jsonify, url_for
from flask_babel import gettext as _

from market.api import bodies, exchange_shapes as shapes, schemas
from market.api.auth import api_user, require_user
from market.api.blueprint import bp
from market.api.writing import created, write
from market.exchanges import bookings, conversations, loans, permissions
from market.exchanges.forms import (BookingRequestForm, ContactForm, LoanAcceptForm, LoanRequestForm, MessageForm,
                                    ReasonForm, acting_choices)
from market.exchanges.models import Booking, Conversation, Loan
from market.extensions import db
from market.listings.models import Listing
from market.listings.permissions import can_view


def _not_found(message=None):
    return bodies.BodyRefused(404, "not_found", message or _("Introuvable."))


def _listing(listing_id, category=None) -> Listing:
    listing = db.session.get(Listing, listing_id)
    if listing is None or not can_view(api_user(), listing) or \
            category is not None and (listing.category != category or listing.kind != "offer"):
        raise _not_found(_("Annonce introuvable."))
    return listing


def _acting_form(form_class, data):
    """The page's form with its "Au nom de" choices; the organisation sent, or the first one as on the page."""
    user = api_user()
    choices = acting_choices(user)
    values = dict(data)
    values["organization"] = (data.get("organization") or "") if "organization" in data else choices[0][0]
    form = bodies.form_from(form_class, values)
    form.organization.choices = choices
    if not form.validate():
        raise bodies.refuse_form(form)
    slug = form.organization.data
    return form, next((o for o in user.organizations if o.slug == slug), None) if slug else None


def _conversation(conversation_id) -> Conversation:
    user = require_user()
    item = db.session.get(Conversation, conversation_id)
    if item is None or not permissions.can_read(user, item):
        raise _not_found(_("Conversation introuvable."))
    return item


def _exchange(model, exchange_id):
    user = require_user()
    item = db.session.get(model, exchange_id)
    if item is None or not permissions.can_see_exchange(user, item):
        raise _not_found()
    return item


def _conversation_body(item, status=200):
    body = shapes.conversation(item, permissions.side_of(api_user(), item))
    if status == 201:
        return created(body, url_for("api.conversation", conversation_id=item.id, _external=True))
    return jsonify(body)


@bp.post("/listings/<int:listing_id>/conversations")
@write(idempotent=True)
def contact(listing_id):
    listing = _listing(listing_id)
    data = bodies.json_body(schemas.CONTACT)
    if not permissions.can_contact(api_user(), listing):
        raise PermissionError()
    form, organization = _acting_form(ContactForm, data)
    item = conversations.start_conversation(api_user(), listing, organization)
    conversations.post_message(api_user(), item, form.body.data)
    return _conversation_body(item, 201)


@bp.get("/conversations/<int:conversation_id>")
def conversation(conversation_id):
    return _conversation_body(_conversation(conversation_id))


@bp.post("/conversations/<int:conversation_id>/messages")
@write(idempotent=True)
def post_message(conversation_id):
    item = _conversation(conversation_id)
    form = bodies.form_from(MessageForm, bodies.json_body(schemas.MESSAGE))
    if not form.validate():
        raise bodies.refuse_form(form)
    message = conversations.post_message(api_user(), item, form.body.data)
    return created(shapes.message(message), url_for("api.conversation", conversation_id=item.id, _external=True))


@bp.post("/listings/<int:listing_id>/bookings")
@write(idempotent=True)
def request_booking(listing_id):
    listing = _listing(listing_id, "premises")
    data = bodies.json_body(schemas.BOOKING)
    if not permissions.can_book(api_user(), listing):
        raise PermissionError()
    form, organization = _acting_form(BookingRequestForm, data)
    start, end = form.period()
    item = bookings.request_booking(api_user(), listing, organization, start, end, form.attendees.data,
                                    form.message.data)
    return created(shapes.booking(item), url_for("api.booking", booking_id=item.id, _external=True))


@bp.get("/bookings/<int:booking_id>")
def booking(booking_id):
    return jsonify(shapes.booking(_exchange(Booking, booking_id)))


def _reason(data) -> str:
    form = bodies.form_from(ReasonForm, data)
    if not form.validate():
        raise bodies.refuse_form(form)
    return form.reason.data


@bp.post("/bookings/<int:booking_id>/accept", defaults={"action": "accept"})
@bp.post("/bookings/<int:booking_id>/decline", defaults={"action": "decline"})
@bp.post("/bookings/<int:booking_id>/cancel", defaults={"action": "cancel"})
@write
def decide_booking(booking_id, action):
    item = _exchange(Booking, booking_id)
    if action == "accept":
        bodies.optional_body(schemas.EMPTY)
        bookings.accept_booking(api_user(), item)
    elif action == "decline":
        bookings.decline_booking(api_user(), item, _reason(bodies.json_body(schemas.REASON)))
    else:
        bookings.cancel_booking(api_user(), item, _reason(bodies.json_body(schemas.REASON)))
    return jsonify(shapes.booking(item))


@bp.post("/listings/<int:listing_id>/loans")
@write(idempotent=True)
def request_loan(listing_id):
    listing = _listing(listing_id, "equipment")
    data = bodies.json_body(schemas.LOAN)
    if not permissions.can_borrow(api_user(), listing):
        raise PermissionError()
    form, organization = _acting_form(LoanRequestForm, data)
    item = loans.request_loan(api_user(), listing, organization, form.quantity.data, form.starts_on.data,
                              form.due_on.data, form.message.data)
    return created(shapes.loan(item), url_for("api.loan", loan_id=item.id, _external=True))


@bp.get("/loans/<int:loan_id>")
def loan(loan_id):
    return jsonify(shapes.loan(_exchange(Loan, loan_id)))


@bp.post("/loans/<int:loan_id>/accept", defaults={"action": "accept"})
@bp.post("/loans/<int:loan_id>/decline", defaults={"action": "decline"})
@bp.post("/loans/<int:loan_id>/cancel", defaults={"action": "cancel"})
@write
def decide_loan(loan_id, action):
    item = _exchange(Loan, loan_id)
    if action == "accept":
        data = bodies.optional_body(schemas.LOAN_ACCEPT)
        cents = data.get("deposit_cents")
        form = bodies.form_from(LoanAcceptForm, {"deposit": f"{cents / 100:.2f}"} if cents is not None else {})
        if not form.validate():
            raise bodies.refuse_form(form)
        loans.accept_loan(api_user(), item, form.deposit.cents or 0)
    elif action == "decline":
        loans.decline_loan(api_user(), item, _reason(bodies.json_body(schemas.REASON)))
    else:
        loans.cancel_loan(api_user(), item, _reason(bodies.json_body(schemas.REASON)))
    return jsonify(shapes.loan(item))
