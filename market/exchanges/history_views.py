"""Pages around the exchanges: the person's hub, an organisation's history and CSV, calendar feeds."""
from urllib.parse import urlparse

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.redirects import safe_next
from market.exchanges import conversations, history, ical, permissions
from market.exchanges.base import NotAllowed
from market.exchanges.blueprint import bp, member_organization, visible_listing
from market.exchanges.forms import CloseListingForm
from market.exchanges.labels import choices as xchoices
from market.exchanges.models import Agreement, Booking, CalendarFeed, Conversation, Loan
from market.extensions import db
from market.listings.models import Listing
from market.listings.services import close_listing
from market.types import utcnow

ACTIVE = {Booking: ("requested", "accepted"), Loan: ("requested", "accepted", "picked_up", "overdue"),
          Agreement: ("proposed", "confirmed")}


def _ongoing(user) -> list:
    out, now = [], utcnow()
    for model, statuses in ACTIVE.items():
        stmt = (sa.select(model).join(Conversation, Conversation.id == model.conversation_id)
                .where(conversations.participant_condition(user), model.status.in_(statuses)))
        if model is Booking:
            stmt = stmt.where(Booking.ends_at > now)
        out += db.session.scalars(stmt).all()
    return sorted(out, key=lambda e: e.created_at, reverse=True)


def _managed_offers(user, category) -> list:
    org_ids = [m.organization_id for m in user.memberships]
    return db.session.scalars(sa.select(Listing).where(
        Listing.kind == "offer", Listing.category == category, Listing.status.in_(("published", "pending", "draft")),
        sa.or_(Listing.organization_id.in_(org_ids),
               sa.and_(Listing.organization_id.is_(None), Listing.author_id == user.id)))
        .order_by(Listing.title)).all()


@bp.get("/echanges/")
@login_required
def hub():
    items = db.session.scalars(conversations.conversations_for(current_user).limit(10)).all()
    return render_template("exchanges/hub.html", items=items, unread=conversations.unread_counts(current_user, items),
                           ongoing=_ongoing(current_user), rooms=_managed_offers(current_user, "premises"),
                           equipment=_managed_offers(current_user, "equipment"),
                           organizations=[o for o in current_user.organizations
                                          if permissions.can_see_history(current_user, o)],
                           Booking=Booking, Loan=Loan)


@bp.get("/echanges/structure/<slug>")
@login_required
def org_history(slug):
    organization = member_organization(slug)
    filters = history.clean_filters(request.args)
    rows = history.exchanges_of(organization, filters)
    return render_template("exchanges/history.html", organization=organization, rows=rows, filters=filters,
                           totals=history.totals(rows), args=request.args, xchoices=xchoices)


@bp.get("/echanges/structure/<slug>/export.csv")
@login_required
def org_history_csv(slug):
    organization = member_organization(slug)
    rows = history.exchanges_of(organization, history.clean_filters(request.args))
    filename = f"echanges-{organization.slug}-{utcnow().date().isoformat()}.csv"
    return Response(history.to_csv(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.route("/echanges/structure/<slug>/calendrier", methods=["GET", "POST"])
@login_required
def org_feed(slug):
    organization = member_organization(slug)
    if not permissions.can_manage_feeds(current_user, organization):
        abort(403)
    feed = ical.feed_of(organization=organization)
    if request.method == "POST":
        ical.renew(current_user, feed)
        flash(_("Nouvelle adresse créée : l'ancienne ne fonctionne plus."), "success")
    db.session.commit()
    return render_template("exchanges/feed.html", organization=organization, feed=feed)


@bp.post("/reservations/salle/<int:listing_id>/calendrier/renouveler")
@login_required
def room_feed_renew(listing_id):
    listing = visible_listing(listing_id)
    try:
        ical.renew(current_user, ical.feed_of(listing=listing))
    except NotAllowed:
        abort(403)
    db.session.commit()
    flash(_("Nouvelle adresse créée : l'ancienne ne fonctionne plus."), "success")
    return redirect(url_for("exchanges.room", listing_id=listing.id))


@bp.get("/calendrier/<token>.ics")
def ical_feed(token):
    """Public to whoever holds the secret address (calendar programs do not log in)."""
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.token == token)) if len(token) <= 64 else None
    if feed is None:
        abort(404)
    body = ical.feed_body(feed, urlparse(current_app.config["BASE_URL"]).hostname or request.host.split(":")[0])
    return Response(body.encode("utf-8"), mimetype="text/calendar",
                    headers={"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300",
                             "X-Robots-Tag": "noindex"})


@bp.post("/echanges/annonce/<int:listing_id>/cloturer")
@login_required
def close_fulfilled(listing_id):
    """The owner closes the listing as fulfilled once its exchange is done (their choice)."""
    listing = visible_listing(listing_id)
    if not permissions.can_close_listing(current_user, listing):
        abort(403)
    CloseListingForm().validate_on_submit()
    close_listing(current_user, listing, "fulfilled")
    db.session.commit()
    flash(_("Annonce clôturée comme réalisée."), "success")
    return redirect(safe_next(request.form.get("next"), listing.url))
