"""Agenda pages: coming dates, a month, one date with its registration, posting, moderation, the iCal feed."""
from datetime import date
from urllib.parse import urlparse

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import Organization
from market.extensions import db
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.network import ical, permissions, queries_agenda, rules, services
from market.network.blueprint import bp, visible_meeting
from market.network.forms import MeetingForm, MinutesForm, ModerationForm
from market.network.labels import format_choices
from market.places import services as places


@bp.get("/agenda")
def agenda():
    today = rules.local_day(queries_agenda.utcnow())
    meetings = queries_agenda.upcoming()
    months = {}
    for m in meetings:
        day = rules.local_day(m.starts_at)
        months.setdefault((day.year, day.month), []).append(m)
    return render_template("network/agenda.html", months=months, today=today,
                           pending=queries_agenda.pending() if permissions.can_moderate(current_user) else [])


@bp.get("/agenda/mois")
def month():
    """?mois=2027-01; a missing or unreadable month shows the current one."""
    today = rules.local_day(queries_agenda.utcnow())
    year, month = rules.parse_month(request.args.get("mois", "")) or (today.year, today.month)
    start, end = rules.month_bounds(year, month)
    by_day = {}
    for m in queries_agenda.dates_between(start, end):
        by_day.setdefault(rules.local_day(m.starts_at), []).append(m)
    return render_template("network/month.html", year=year, month=month, first=date(year, month, 1),
                           weeks=rules.month_grid(year, month), by_day=by_day,
                           previous=rules.shift_month(year, month, -1), following=rules.shift_month(year, month, 1),
                           today=today)


@bp.get("/agenda.ics")
def ical_feed():
    """The public agenda for calendar programs (they do not log in)."""
    host = urlparse(current_app.config["BASE_URL"]).hostname or request.host.split(":")[0]
    return Response(ical.feed_body(host).encode("utf-8"), mimetype="text/calendar",
                    headers={"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "public, max-age=300",
                             "Content-Disposition": 'inline; filename="agenda-reseau.ics"'})


def _fill_choices(form, user, meeting=None):
    formats = rules.FORMATS if permissions.can_schedule_network_meeting(user) else ("event",)
    if meeting is not None and meeting.format not in formats:
        formats = (meeting.format, *formats)
    form.format.choices = format_choices(formats)
    orgs = db.session.scalars(db.select(Organization).where(Organization.status == "verified")
                              .order_by(Organization.name)).all()
    form.host_org.choices = [("", _("Aucune (lieu public ou autre)"))] + [(str(o.id), o.name) for o in orgs]
    rooms = db.session.scalars(db.select(Listing).where(public_condition(), Listing.kind == "offer",
                                                        Listing.category == "premises").order_by(Listing.title)).all()
    form.room.choices = [("", _("Aucune"))] + [(str(r.id), f"{r.title} – {r.organization.name if r.organization else r.commune_name}")
                                               for r in rooms]
    mine = [o for o in user.organizations if permissions.can_post_for(user, o)]
    form.organiser_org.choices = [(o.slug, o.name) for o in mine] + [("", _("À titre personnel"))]


def _organiser(form, user):
    slug = form.organiser_org.data
    return next((o for o in user.organizations if o.slug == slug), None) if slug else None


@bp.route("/agenda/nouveau", methods=["GET", "POST"])
@login_required
def meeting_new():
    if not permissions.can_post(current_user):
        abort(403)
    form = MeetingForm()
    _fill_choices(form, current_user)
    if form.validate_on_submit():
        try:
            meeting = services.post_meeting(current_user, _organiser(form, current_user), form.values())
        except services.NotAllowed:
            db.session.rollback()
            abort(403)
        db.session.commit()
        if meeting.status == "published":
            flash(_("La date est publiée dans l'agenda."), "success")
        else:
            flash(_("La date est enregistrée : elle paraîtra dans l'agenda une fois vérifiée par la coordination."),
                  "info")
        return redirect(meeting.url)
    return render_template("network/meeting_form.html", form=form, meeting=None)


@bp.route("/agenda/<int:meeting_id>/modifier", methods=["GET", "POST"])
@login_required
def meeting_edit(meeting_id):
    meeting = visible_meeting(meeting_id)
    if not permissions.can_edit(current_user, meeting):
        abort(403)
    form = MeetingForm(obj=None if request.method == "POST" else _form_data(meeting))
    _fill_choices(form, current_user, meeting)
    if form.validate_on_submit():
        try:
            services.update_meeting(current_user, meeting, form.values())
        except services.NotAllowed:
            db.session.rollback()
            abort(403)
        except places.CapacityBelowTaken:
            db.session.rollback()
            form.capacity.errors = [_("Plus de personnes sont déjà inscrites : gardez au moins %(num)d places.",
                                      num=meeting.pool.taken if meeting.pool else 0)]
            return render_template("network/meeting_form.html", form=form, meeting=meeting)
        db.session.commit()
        flash(_("La date est modifiée."), "success")
        return redirect(meeting.url)
    return render_template("network/meeting_form.html", form=form, meeting=meeting)


def _form_data(meeting):
    class Data:
        pass
    data = Data()
    local_start, local_end = meeting.starts_at.astimezone(rules.PARIS), meeting.ends_at.astimezone(rules.PARIS)
    for key in ("title", "format", "venue", "description", "capacity"):
        setattr(data, key, getattr(meeting, key))
    data.day, data.start, data.end = local_start.date(), local_start.time(), local_end.time()
    data.commune = meeting.commune_code
    data.host_org = str(meeting.host_org_id or "")
    data.room = str(meeting.room_id or "")
    data.organiser_org = meeting.organiser_org.slug if meeting.organiser_org else ""
    return data


@bp.get("/agenda/<int:meeting_id>")
def meeting(meeting_id):
    meeting = visible_meeting(meeting_id)
    hold = services.registration_of(current_user, meeting)
    return render_template("network/meeting.html", meeting=meeting, hold=hold,
                           position=places.position(hold) if hold else None,
                           free=places.free(meeting.pool) if meeting.pool else None,
                           can_edit=permissions.can_edit(current_user, meeting),
                           can_moderate=permissions.can_moderate(current_user),
                           registered=queries_agenda.registered(meeting) if permissions.can_edit(current_user, meeting) else [],
                           past=meeting.starts_at <= queries_agenda.utcnow(),
                           minutes_form=MinutesForm(obj=meeting), moderation_form=ModerationForm())


from market.network import agenda_actions  # noqa: F401,E402  (POST routes)
