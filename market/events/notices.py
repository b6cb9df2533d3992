"""Who hears about shifts: a freed place offered, the day-before reminder, the hours to confirm, a message."""
from datetime import timedelta

from flask import url_for
from flask_babel import force_locale, gettext as _

from market.accounts.models import User
from market.events import queries, rules
from market.events.text import shift_label
from market.extensions import db
from market.notifications.services import notify
from market.types import utcnow


def _tell(user, kind, title_fn, url, dedupe_key, body_fn=None):
    if user is None or user.status != "active":
        return None
    with force_locale(user.locale or "fr"):
        return notify(user, kind, title_fn(), url, body=body_fn() if body_fn else "", dedupe_key=dedupe_key)


def on_place_offered(hold, **_extra) -> None:
    """market.places.signals.place_offered: if the pool is one of our shifts, tell the person."""
    shift = queries.shift_of_pool(hold.pool_id)
    if shift is None:
        return
    user = db.session.get(User, hold.user_id)
    until = hold.expires_at
    _tell(user, "event_place_offered", lambda: _("Une place s'est libérée : %(shift)s", shift=shift_label(shift)),
          url_for("events.mine", _external=True),
          f"event-hold:{hold.id}:offered:{until.isoformat() if until else ''}",
          lambda: _("Confirmez-la sur « Mes créneaux » avant le %(until)s, sinon elle passe à la personne suivante.",
                    until=_when(until)) if until else "")


def _when(dt) -> str:
    from market.exchanges.base import when
    return when(dt)


def organisers(event) -> list:
    seen, out = set(), []
    for organization in event.organizations:
        for membership in organization.memberships:
            if membership.user_id not in seen:
                seen.add(membership.user_id)
                out.append(membership.user)
    return out


def send_reminders(today=None) -> dict:
    """The day before a shift, its volunteers; the day after, its organisers (to confirm the hours)."""
    today = today or rules.paris_day(utcnow())
    counts = {"volunteers": 0, "organisers": 0}
    start = rules.day_start(today + timedelta(days=1))
    for shift in queries.shifts_between(start, start + timedelta(days=1)):
        for hold in queries.holds_of(shift, queries.ON_ROSTER):
            user = db.session.get(User, hold.user_id)
            if _tell(user, "event_shift_reminder", lambda: _("Rappel : demain, %(shift)s", shift=shift_label(shift)),
                     url_for("events.show", event_id=shift.event_id, _external=True), f"event-shift:{shift.id}:reminder",
                     lambda: shift.event.place or shift.event.commune_name):
                counts["volunteers"] += 1
    for shift in queries.ended_between(rules.day_start(today - timedelta(days=1)), rules.day_start(today)):
        if not queries.holds_of(shift, queries.ON_ROSTER) or queries.attendance_map(shift):
            continue
        for user in organisers(shift.event):
            if _tell(user, "event_hours_to_confirm", lambda: _("Confirmez les présences : %(shift)s",
                                                                 shift=shift_label(shift)),
                     url_for("events.attendance", shift_id=shift.id, _external=True), f"event-shift:{shift.id}:hours"):
                counts["organisers"] += 1
    return counts


def message_volunteers(actor, shift, body: str) -> int:
    """An organiser writes to everyone on a shift's roster; returns how many were told."""
    from market.events.permissions import can_organize
    from market.exchanges.base import NotAllowed
    if not can_organize(actor, shift.event):
        raise NotAllowed()
    count = 0
    stamp = utcnow().isoformat()
    for hold in queries.holds_of(shift, queries.ON_ROSTER):
        user = db.session.get(User, hold.user_id)
        if user is None or user.id == actor.id:
            continue
        if _tell(user, "event_message", lambda: _("Message des organisateurs : %(shift)s", shift=shift_label(shift)),
                 url_for("events.show", event_id=shift.event_id, _external=True), f"event-shift:{shift.id}:msg:{stamp}",
                 lambda: body):
            count += 1
    return count


def invitation_sent(invitation) -> None:
    """The volunteer hears that an association asks them to take a shift (accept in one click on the page)."""
    shift = invitation.shift
    _tell(invitation.user, "event_invitation",
          lambda: _("%(org)s vous invite : %(shift)s", org=invitation.organization.name, shift=shift_label(shift)),
          url_for("events.invitation", invitation_id=invitation.id, _external=True),
          f"event-invitation:{invitation.id}", lambda: invitation.message)


def invitation_answered(invitation) -> None:
    """Whoever invited hears the answer."""
    accepted = invitation.status == "accepted"
    _tell(invitation.invited_by, "event_invitation_answer",
          lambda: (_("%(name)s accepte votre invitation : %(shift)s", name=invitation.user.display_name,
                     shift=shift_label(invitation.shift)) if accepted else
                   _("%(name)s ne peut pas venir : %(shift)s", name=invitation.user.display_name,
                     shift=shift_label(invitation.shift))),
          url_for("events.roster", event_id=invitation.shift.event_id, _external=True),
          f"event-invitation:{invitation.id}:{invitation.status}")


def need_offered(actor, need, volunteer) -> bool:
    """An association points a volunteer of the pool to one of its volunteering needs; once per need and person."""
    return _tell(volunteer, "event_need_offered",
                 lambda: _("%(org)s pense à vous : %(title)s", org=need.owner_name, title=need.title),
                 url_for("listings.show", listing_id=need.id, _external=True),
                 f"pool-need:{need.id}", lambda: _("Si cela vous dit, inscrivez-vous d'un clic sur l'annonce.")) \
        is not None
