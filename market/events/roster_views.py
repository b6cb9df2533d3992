"""Pages of organisers and volunteers: the roster (CSV, print), attendance, messages, hours."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from market.accounts.models import Organization, User
from market.events import exports, notices, permissions, queries, rules, services
from market.events.forms import ActionForm, MessageForm
from market.events.views import bp, event_or_404, shift_or_404
from market.refusals import refused
from market.exchanges.base import ExchangeRefused
from market.extensions import db
from market.places import services as places
from market.places.models import HoldStatus
from market.types import utcnow


def status_label(status) -> str:
    return {HoldStatus.HELD: _("inscrit(e)"), HoldStatus.DONE: _("présence confirmée"),
            HoldStatus.OFFERED: _("place proposée, à confirmer"), HoldStatus.WAITING: _("liste d'attente")}.get(status, "")


def _roster(event):
    """[(shift, [(hold, user, position)])] for each shift of the event."""
    out = []
    for shift in event.shifts:
        lines = []
        for hold in queries.holds_of(shift):
            position = places.position(hold) if hold.status == HoldStatus.WAITING else None
            lines.append((hold, db.session.get(User, hold.user_id), position))
        out.append((shift, lines))
    return out


def _organiser_event(event_id):
    event = event_or_404(event_id)
    if not permissions.can_organize(current_user, event):
        abort(403)
    return event


@bp.get("/<int:event_id>/equipe")
@login_required
def roster(event_id):
    event = _organiser_event(event_id)
    return render_template("events/roster.html", event=event, roster=_roster(event), status_label=status_label,
                           message_form=MessageForm(), HoldStatus=HoldStatus, now=utcnow(), free=places.free)


@bp.get("/<int:event_id>/equipe.csv")
@login_required
def roster_csv(event_id):
    event = _organiser_event(event_id)
    lines = [(shift, user, status_label(hold.status), position)
             for shift, rows in _roster(event) for hold, user, position in rows]
    return Response(exports.roster_csv(lines), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="equipe-evenement-{event.id}.csv"', "Cache-Control": "no-store"})


@bp.post("/creneaux/<int:shift_id>/message")
@login_required
def message(shift_id):
    shift = shift_or_404(shift_id)
    if not permissions.can_organize(current_user, shift.event):
        abort(403)
    form = MessageForm()
    if not form.validate_on_submit():
        flash(_("Écrivez votre message."), "error")
        return redirect(url_for("events.roster", event_id=shift.event_id))
    count = notices.message_volunteers(current_user, shift, form.body.data)
    db.session.commit()
    flash(_("Message envoyé à %(num)d bénévole(s).", num=count), "success")
    return redirect(url_for("events.roster", event_id=shift.event_id))


@bp.route("/creneaux/<int:shift_id>/presences", methods=["GET", "POST"])
@login_required
def attendance(shift_id):
    shift = shift_or_404(shift_id)
    if not permissions.can_organize(current_user, shift.event):
        abort(403)
    holds = queries.holds_of(shift, queries.ON_ROSTER)
    people = [(hold, db.session.get(User, hold.user_id)) for hold in holds]
    existing = queries.attendance_map(shift)
    form, errors, typed = ActionForm(), {}, {}
    if request.method == "POST" and form.validate_on_submit():
        entries = {}
        for hold, _user in people:
            text = request.form.get(f"hours-{hold.user_id}", "")
            typed[hold.user_id] = text
            present = request.form.get(f"present-{hold.user_id}") == "1"
            minutes = rules.parse_hours(text) if present else 0
            if minutes is None:
                errors[hold.user_id] = _("Écrivez un nombre d'heures entre 0 et 24, par exemple 4 ou 3,5.")
            entries[hold.user_id] = (present, minutes or 0)
        if not errors:
            try:
                services.record_attendance(current_user, shift, entries)
            except ExchangeRefused as exc:
                refused(exc)
            else:
                db.session.commit()
                flash(_("Présences et heures enregistrées."), "success")
                return redirect(url_for("events.roster", event_id=shift.event_id))
    return render_template("events/attendance.html", shift=shift, people=people, existing=existing, form=form,
                           errors=errors, typed=typed, hours_input=rules.hours_input)


@bp.get("/mes-creneaux")
@login_required
def mine():
    now = utcnow()
    upcoming = queries.shifts_of(current_user, (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING), since=now)
    attended = queries.attendances_of(current_user)
    return render_template("events/mine.html", upcoming=upcoming, attended=attended, form=ActionForm(),
                           total=sum(a.minutes for a in attended), hours_text=rules.hours_text,
                           HoldStatus=HoldStatus, status_label=status_label, position=places.position)


def _hours_org(slug) -> Organization:
    organization = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
    if organization is None or not permissions.can_see_hours(current_user, organization):
        abort(404)
    return organization


def _year() -> int | None:
    """?annee=2026: the hours of one calendar year (the annual report); anything else: all years."""
    text = request.args.get("annee", "")
    return int(text) if text.isascii() and text.isdigit() and 2000 <= int(text) <= 2100 else None


@bp.get("/structure/<slug>/heures")
@login_required
def org_hours(slug):
    organization, year = _hours_org(slug), _year()
    attendances = queries.attendances_for(organization, year)
    total, rate = sum(a.minutes for a in attendances), exports.hourly_rate()
    return render_template("events/org_hours.html", organization=organization, attendances=attendances,
                           total=total, hours_text=rules.hours_text, valuation=rules.valuation_cents(total, rate),
                           method=exports.valuation_method(rate), year=year, years=queries.hours_years(organization),
                           volunteers=len({a.user_id for a in attendances}))


@bp.get("/structure/<slug>/heures.csv")
@login_required
def org_hours_csv(slug):
    organization, year = _hours_org(slug), _year()
    body = exports.hours_csv(queries.attendances_for(organization, year), exports.hourly_rate())
    name = f"heures-benevoles-{organization.slug}{f'-{year}' if year else ''}.csv"
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
