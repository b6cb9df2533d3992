"""Who hears about the time bank: a freed slot or seat offered, the day-before reminder, a workshop called off,
hours to confirm, a request to answer. In-app notices and e-mails, each once (dedupe keys)."""
from flask import url_for
from flask_babel import force_locale, format_datetime, gettext as _

import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from market.notifications.services import notify
from market.timebank import rules
from market.timebank.models import HelpExchange
from market.timebank.workshop_models import Workshop, WorkshopSeat
from market.types import utcnow


def _tell(user, kind: str, title_fn, url: str, dedupe_key: str, body_fn=None):
    if user is None or user.status != "active":
        return None
    with force_locale(user.locale or "fr"):
        return notify(user, kind, title_fn(), url, body=body_fn() if body_fn else "", dedupe_key=dedupe_key)


def _when(dt) -> str:
    return format_datetime(dt, "EEEE d MMMM y, HH:mm")


def on_place_offered(hold, **_extra) -> None:
    """market.places offered a freed place to `hold`: if it is a seat of a workshop or a slot of a coup de pouce,
    tell its person now, with the time limit."""
    from market.timebank.services import SLOTS_POOL
    from market.timebank.workshops import POOL_KIND
    kind = hold.pool.kind if hold.pool is not None else ""
    until = hold.expires_at
    stamp = until.isoformat() if until else ""
    user = db.session.get(User, hold.user_id)
    if kind == POOL_KIND:
        seat = db.session.scalar(sa.select(WorkshopSeat).where(WorkshopSeat.hold_id == hold.id))
        if seat is None:
            return
        _tell(user, "timebank_seat_offered", lambda: _("Une place s'est libérée : %(title)s", title=seat.workshop.title),
              url_for("timebank.workshop", workshop_id=seat.workshop_id, _external=True),
              f"timebank.seat:{seat.id}:offered:{stamp}",
              lambda: _("Confirmez-la avant le %(until)s, sinon elle passe à la personne suivante.",
                        until=_when(until)) if until else "")
    elif kind == SLOTS_POOL:
        exchange = db.session.scalar(sa.select(HelpExchange).where(HelpExchange.hold_id == hold.id))
        if exchange is None:
            return
        _tell(user, "timebank_slot_offered", lambda: _("Un créneau s'est libéré : %(title)s", title=exchange.post.title),
              url_for("timebank.exchange", exchange_id=exchange.id, _external=True),
              f"timebank.slot:{exchange.id}:offered:{stamp}",
              lambda: _("Prenez-le avant le %(until)s, sinon il passe à la personne suivante.",
                        until=_when(until)) if until else "")


def send_reminders(now=None) -> int:
    """The day before a workshop (tomorrow in Paris), each member holding a seat; idempotent. Returns how many."""
    from market.places.models import HoldStatus
    start, end = rules.tomorrow_window(now or utcnow())
    count = 0
    for workshop in db.session.scalars(sa.select(Workshop).where(Workshop.status == "open", Workshop.starts_at >= start,
                                                                 Workshop.starts_at < end).order_by(Workshop.id)):
        for seat in workshop.seats:
            if seat.status != "booked" or seat.hold.status != HoldStatus.HELD:
                continue
            where = workshop.video_url or workshop.place
            if _tell(seat.user, "timebank_workshop_reminder",
                     lambda: _("Rappel : demain, %(title)s", title=workshop.title),
                     url_for("timebank.workshop", workshop_id=workshop.id, _external=True),
                     f"timebank.workshop:{workshop.id}:reminder:{seat.id}",
                     lambda: _("%(when)s — %(where)s. Un empêchement ? Annulez votre place pour la laisser à "
                               "quelqu'un d'autre.", when=_when(workshop.starts_at), where=where)):
                count += 1
    return count


def tell_workshop_cancelled(workshop, seats) -> int:
    count = 0
    for seat in seats:
        if _tell(seat.user, "timebank_workshop_cancelled", lambda: _("Atelier annulé : %(title)s", title=workshop.title),
                 url_for("timebank.workshop", workshop_id=workshop.id, _external=True),
                 f"timebank.workshop:{workshop.id}:cancelled:{seat.id}", lambda: workshop.cancel_reason):
            count += 1
    return count


def tell_hours_to_confirm(seats) -> None:
    for seat in seats:
        if seat.status == "recorded":
            _tell(seat.user, "timebank_hours_to_confirm",
                  lambda: _("Heures à confirmer : %(title)s", title=seat.workshop.title),
                  url_for("timebank.workshop", workshop_id=seat.workshop_id, _external=True),
                  f"timebank.seat:{seat.id}:recorded",
                  lambda: _("%(hours)s pour l'atelier. Sans réponse sous 72 heures, elles sont comptées.",
                            hours=rules.format_minutes(seat.minutes)))


def tell_exchange(exchange, action: str, actor) -> None:
    """The other side of a coup de pouce hears of a request, an answer, hours recorded."""
    from market.timebank.permissions import can_act_for
    titles = {"requested": lambda: _("Demande de coup de pouce : %(title)s", title=exchange.post.title),
              "agreed": lambda: _("Coup de pouce accepté : %(title)s", title=exchange.post.title),
              "declined": lambda: _("Coup de pouce refusé : %(title)s", title=exchange.post.title),
              "recorded": lambda: _("Heures à confirmer : %(title)s", title=exchange.post.title)}
    title = titles.get(action)
    if title is None:
        return
    if action == "requested":
        users = [exchange.post.author]
    else:
        users = [exchange.requested_by] if exchange.requested_by else []
    for user in users:
        if user is not None and user.id != getattr(actor, "id", None) and (
                action == "requested" or can_act_for(user, exchange.giver_account)
                or can_act_for(user, exchange.receiver_account)):
            _tell(user, f"timebank_{action}", title, url_for("timebank.exchange", exchange_id=exchange.id,
                                                             _external=True),
                  f"timebank.exchange:{exchange.id}:{action}")
