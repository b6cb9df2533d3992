"""Pages of room bookings: the room's calendar and request form, its settings, one booking's decisions."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.exchanges import bookings, ical, permissions, rules
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.blueprint import acting_organization, bp, exchange_or_404, visible_listing
from market.refusals import refused, show_refusal
from market.exchanges.forms import BookingRequestForm, ReasonForm, RoomSettingsForm, acting_choices
from market.exchanges.models import Booking
from market.extensions import db


def _room(listing_id):
    listing = visible_listing(listing_id)
    if listing.category != "premises" or listing.kind != "offer":
        abort(404)
    return listing


@bp.route("/reservations/salle/<int:listing_id>", methods=["GET", "POST"])
@login_required
def room(listing_id):
    listing = _room(listing_id)
    owner = permissions.can_manage_room(current_user, listing)
    form = BookingRequestForm()
    form.organization.choices = acting_choices(current_user)
    if request.method == "GET":
        form.organization.data = form.organization.choices[0][0]
    if request.method == "POST":
        if not permissions.can_book(current_user, listing):
            abort(403)
        if form.validate_on_submit() and form.period():
            start, end = form.period()
            try:
                booking = bookings.request_booking(current_user, listing, acting_organization(form, current_user),
                                                   start, end, form.attendees.data, form.message.data)
            except ExchangeRefused as exc:
                db.session.rollback()
                show_refusal(form, exc)
            else:
                db.session.commit()
                flash(_("Votre demande est envoyée : %(name)s va l'accepter ou la refuser.", name=booking.owner_name),
                      "success")
                return redirect(booking.url)
    feed = ical.feed_of(listing=listing) if owner else None
    if feed is not None:
        db.session.commit()
    return render_template("exchanges/room.html", listing=listing, form=form, owner=owner,
                           can_book=permissions.can_book(current_user, listing), room=bookings.room_rules(listing),
                           upcoming=bookings.upcoming(listing), requests=bookings.requests_for(listing) if owner else [],
                           feed=feed, rules=rules)


@bp.route("/reservations/salle/<int:listing_id>/reglages", methods=["GET", "POST"])
@login_required
def room_settings(listing_id):
    listing = _room(listing_id)
    if not permissions.can_manage_room(current_user, listing):
        abort(403)
    form = RoomSettingsForm()
    if request.method == "GET":
        room = bookings.room_rules(listing)
        for i, field in enumerate(form.day_fields()):
            field.data = rules.format_hours(room.hours_of(i))
        form.min_minutes.data, form.max_minutes.data = room.min_minutes, room.max_minutes
        form.buffer_minutes.data, form.notice_hours.data = room.buffer_minutes, room.notice_hours
        form.closed_dates.data = ", ".join(d.strftime("%d/%m/%Y") for d in sorted(room.closed_dates))
    if form.validate_on_submit():
        bookings.save_settings(current_user, listing, form.values())
        db.session.commit()
        flash(_("Calendrier de la salle enregistré."), "success")
        return redirect(url_for("exchanges.room", listing_id=listing.id))
    return render_template("exchanges/room_settings.html", listing=listing, form=form)


@bp.get("/reservations/<int:booking_id>")
@login_required
def booking(booking_id):
    item = exchange_or_404(Booking, booking_id)
    return render_template("exchanges/booking.html", booking=item, decline_form=ReasonForm(prefix="decline"),
                           cancel_form=ReasonForm(prefix="cancel"),
                           side=permissions.side_of(current_user, item.conversation),
                           can=lambda action: permissions.can_do(current_user, "booking", item, action),
                           room=bookings.room_rules(item.listing))


def _decide(booking_id, action):
    item = exchange_or_404(Booking, booking_id)
    form = ReasonForm(prefix=action)
    try:
        if action == "accept":
            bookings.accept_booking(current_user, item)
            message = _("Réservation acceptée : le créneau est bloqué dans le calendrier de la salle.")
        elif not form.validate_on_submit():
            flash(_("Indiquez la raison : elle sera transmise à l'autre partie."), "error")
            return redirect(item.url)
        elif action == "decline":
            bookings.decline_booking(current_user, item, form.reason.data)
            message = _("Demande refusée.")
        else:
            bookings.cancel_booking(current_user, item, form.reason.data)
            message = _("Réservation annulée.")
    except NotAllowed:
        abort(403)
    except ExchangeRefused as exc:
        refused(exc)
        return redirect(url_for("exchanges.booking", booking_id=booking_id))
    db.session.commit()
    flash(message, "success")
    return redirect(item.url)


@bp.post("/reservations/<int:booking_id>/accepter")
@login_required
def booking_accept(booking_id):
    return _decide(booking_id, "accept")


@bp.post("/reservations/<int:booking_id>/refuser")
@login_required
def booking_decline(booking_id):
    return _decide(booking_id, "decline")


@bp.post("/reservations/<int:booking_id>/annuler")
@login_required
def booking_cancel(booking_id):
    return _decide(booking_id, "cancel")
