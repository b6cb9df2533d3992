"""Writes of the ressourcerie: give a batch, reserve through market.places, hand over, lapse; flush, never commit."""
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from market import gates
from market.extensions import db
from market.places import services as places
from market.fields import today
from market.i18n import format_date
from market.places.models import Allocation, HoldStatus, PlaceHold
from market.ressourcerie import notices, permissions, rules
from market.ressourcerie.models import Batch, BatchPhoto, Handover, Reservation
from market.types import utcnow
from market.uploads.images import store_image

POOL_KIND = "ressourcerie.item"
RESERVE = gates.register_action("ressourcerie.reserve", _l("Réserver des objets à la ressourcerie"), order=20).key
GOING_ON = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)


class Refused(ValueError):
    """What the person asked cannot apply as things are; `field` names the form field to show it next to."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.field = field


class NotAllowed(PermissionError):
    """The actor may not do this to this batch or reservation."""


def give(actor, organization, values: dict, photos=()) -> Batch:
    """Post a batch of `quantity` items; `photos`: what uploads.images.check_image returned, in order."""
    if not permissions.can_give(actor, organization):
        raise NotAllowed()
    weight, weighed = rules.unit_weight_g(values["category"], values.get("unit_weight_g"))
    chooses = values.get("rule") == "choice"
    requests_until = values.get("requests_until") if chooses else None
    if chooses and requests_until is None:
        raise Refused(_("Indiquez jusqu'à quel jour vous recevez les demandes."), "requests_until")
    if requests_until and values.get("give_before") and requests_until > values["give_before"]:
        raise Refused(_("Les demandes doivent être closes avant la date « à donner avant »."), "requests_until")
    pool = places.open_pool(kind=POOL_KIND, capacity=values["quantity"],
                            hold_for=timedelta(days=values.get("hold_days") or 7),
                            offer_for=timedelta(hours=values.get("offer_hours") or 48),
                            allocation=Allocation.OWNER if chooses else Allocation.LINE)
    batch = Batch(donor_id=actor.id, organization_id=getattr(organization, "id", None), pool_id=pool.id,
                  title=values["title"], description=values.get("description", ""), category=values["category"],
                  condition=values["condition"], quantity=values["quantity"], unit_weight_g=weight, weighed=weighed,
                  commune_code=values["commune_code"], address=values.get("address", ""),
                  pickup_windows=values.get("pickup_windows", ""), give_before=values.get("give_before"),
                  max_per_member=values.get("max_per_member"), requests_until=requests_until, status="open")
    db.session.add(batch)
    db.session.flush()
    for position, checked in enumerate(photos):
        db.session.add(BatchPhoto(batch_id=batch.id, upload_id=store_image(actor, checked).id, position=position))
    db.session.flush()
    return batch


def _same_member(user, organization):
    """Reservations of this batch made for the same member: its structure, or the person acting alone."""
    if organization is not None:
        return Reservation.organization_id == organization.id
    return sa.and_(Reservation.user_id == user.id, Reservation.organization_id.is_(None))


def active_reservation(user, batch) -> Reservation | None:
    return db.session.scalar(sa.select(Reservation).join(PlaceHold, Reservation.hold_id == PlaceHold.id).where(
        Reservation.batch_id == batch.id, Reservation.user_id == user.id,
        PlaceHold.status.in_(GOING_ON)))


def _reserved_by(batch, user, organization) -> tuple[int, bool]:
    """(items the member reserved, was offered or received from this batch, whether one is still going on)."""
    rows = db.session.execute(sa.select(PlaceHold.status, PlaceHold.quantity).select_from(Reservation)
                              .join(PlaceHold, Reservation.hold_id == PlaceHold.id)
                              .where(Reservation.batch_id == batch.id, _same_member(user, organization),
                                     PlaceHold.status.in_((*GOING_ON, HoldStatus.DONE)))).all()
    return sum(q for _s, q in rows), any(s != HoldStatus.DONE for s, _q in rows)


def reserve(actor, batch, quantity: int, organization=None) -> Reservation:
    """Hold `quantity` items for `actor` (for `organization`), or put them in the waiting list; in a batch
    whose giver chooses, record the request (the giver allocates once requests are closed)."""
    if not permissions.can_reserve(actor, batch):
        raise NotAllowed()
    if organization is not None and actor.membership_in(organization) is None:
        raise NotAllowed()
    reserved = gates.refusal(RESERVE, actor, organization)
    if reserved:
        raise Refused(reserved)
    if batch.chooses and not rules.collecting(batch.requests_until, today()):
        raise Refused(_("Les demandes sont closes depuis le %(day)s : le donateur attribue les articles.",
                        day=format_date(batch.requests_until)))
    already, going_on = _reserved_by(batch, actor, organization)
    refusal = rules.quantity_refusal(quantity, batch.quantity, batch.max_per_member, already)
    if refusal == "too_few":
        raise Refused(_("Indiquez au moins 1 article."), "quantity")
    if refusal == "over_max" and already:
        raise Refused(_("%(num)d articles au plus par structure pour ce lot, et %(had)d sont déjà réservés ou "
                        "reçus pour vous.", num=batch.max_per_member, had=already), "quantity")
    if refusal == "over_max":
        raise Refused(_("%(num)d articles au plus par structure pour ce lot.", num=batch.max_per_member), "quantity")
    if refusal == "over_total":
        raise Refused(_("Ce lot ne compte que %(num)d articles.", num=batch.quantity), "quantity")
    if active_reservation(actor, batch) is not None:
        raise Refused(_("Vous avez déjà une réservation en cours pour ce lot."))
    if going_on and organization is not None:
        raise Refused(_("%(name)s a déjà une réservation en cours pour ce lot.", name=organization.name))
    hold = places.take(actor, batch.pool, quantity, waitlist=True)
    reservation = Reservation(batch_id=batch.id, hold_id=hold.id, user_id=actor.id,
                              organization_id=getattr(organization, "id", None), code=_new_code(batch))
    db.session.add(reservation)
    db.session.flush()
    return reservation


def _new_code(batch) -> str:
    used = set(db.session.scalars(sa.select(Reservation.code).where(Reservation.batch_id == batch.id)))
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        if code not in used:
            return code


def _check(actor, action, reservation) -> str:
    role = permissions.role_of(actor, reservation)
    if role is None or (action, role) not in rules.ACTIONS:
        raise NotAllowed()
    if not rules.may(action, reservation.status, role):
        raise Refused(_("Cette action n'est plus possible : la réservation a changé d'état entre-temps."))
    return role


def cancel(actor, reservation) -> Reservation:
    """The holder gives the items back, or the giver ends the reservation (its holder is told); the next in
    line is offered the items (or, when the giver chooses, they go back to the giver)."""
    role = _check(actor, "cancel", reservation)
    try:
        places.release(actor, reservation.hold)
    except places.HoldNotActive:
        raise Refused(_("Cette action n'est plus possible : la réservation a changé d'état entre-temps.")) from None
    if role == "donor":
        notices.tell_ended(reservation, "giver")
    return reservation


def allocate(actor, reservation, quantity: int | None = None) -> Reservation:
    """The giver who chooses gives a request `quantity` items (at most what it asked), once requests are
    closed: it holds them until the end of its pickup window, and its holder is told. The places are
    claimed in the database (market.places.grant): never more allocated than the batch has."""
    _check(actor, "allocate", reservation)
    batch, hold = reservation.batch, reservation.hold
    if not batch.chooses:
        raise Refused(_("Ce lot est donné dans l'ordre des réservations : il n'y a rien à attribuer."))
    if not rules.may_allocate(batch.requests_until, today()):
        raise Refused(_("Vous pourrez attribuer les articles à partir du lendemain du %(day)s, une fois les "
                        "demandes closes.", day=format_date(batch.requests_until)))
    quantity = hold.quantity if quantity is None else quantity
    if not 1 <= quantity <= hold.quantity:
        raise Refused(_("Entre 1 et %(num)d articles : ce qui a été demandé.", num=hold.quantity), "quantity")
    try:
        places.grant(actor, hold, quantity)
    except places.NoPlacesLeft:
        raise Refused(_("Il ne reste que %(num)d article(s) à attribuer.", num=places.free(batch.pool)),
                      "quantity") from None
    except places.HoldNotActive:
        raise Refused(_("Cette action n'est plus possible : la réservation a changé d'état entre-temps.")) from None
    notices.tell_allocated(reservation)
    return reservation


def confirm(actor, reservation) -> Reservation:
    """The next in line accepts the items offered to them (within the delay): they now hold them."""
    _check(actor, "confirm", reservation)
    try:
        places.confirm(actor, reservation.hold)
    except places.HoldNotActive:
        raise Refused(_("Le délai pour accepter ces articles est passé.")) from None
    return reservation


def hand_over(actor, reservation, method: str = "donor") -> Handover:
    """The giver records the items handed over: the hold is done and a handover entry counts the kilos."""
    _check(actor, "hand_over", reservation)
    try:
        places.complete(actor, reservation.hold)
    except places.HoldNotActive:
        raise Refused(_("Cette réservation n'est plus à remettre.")) from None
    batch = reservation.batch
    entry = Handover(batch_id=batch.id, reservation_id=reservation.id, quantity=reservation.hold.quantity,
                     weight_g=reservation.hold.quantity * batch.unit_weight_g, category=batch.category,
                     giver_name=batch.giver_name, receiver_name=reservation.receiver_name, method=method,
                     recorded_by_id=actor.id, created_at=utcnow())
    db.session.add(entry)
    db.session.flush()
    if handed_over(batch) >= batch.quantity:
        batch.status = "given"  # every item is gone: it leaves the catalogue
        _end_going_on(actor, batch, "given")
        db.session.flush()
    return entry


def _end_going_on(actor, batch, why: str) -> None:
    """Release the reservations and requests still going on, and tell each holder once."""
    going_on = db.session.scalars(sa.select(Reservation).join(PlaceHold, Reservation.hold_id == PlaceHold.id).where(
        Reservation.batch_id == batch.id, PlaceHold.status.in_(GOING_ON)).order_by(Reservation.id)).all()
    for reservation in going_on:
        try:
            places.release(actor, reservation.hold)
        except places.HoldNotActive:  # ended by someone else meanwhile
            continue
        notices.tell_ended(reservation, why)


def hand_over_by_code(actor, batch, code: str) -> Handover:
    """The giver types the code shown on the receiver's phone."""
    if not permissions.can_manage(actor, batch):
        raise NotAllowed()
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    reservation = db.session.scalar(sa.select(Reservation).where(Reservation.batch_id == batch.id,
                                                                 Reservation.code == code))
    if reservation is None or reservation.status != "HELD":
        raise Refused(_("Aucune réservation à remettre ne porte ce code pour ce lot."), "code")
    return hand_over(actor, reservation, method="code")


def correct(actor, entry, quantity: int, note: str) -> Handover:
    """A correction of a past handover is a new entry (signed), never an edit of the past."""
    if not permissions.can_manage(actor, entry.batch):
        raise NotAllowed()
    if not note.strip():
        raise Refused(_("Indiquez la raison de la correction."), "note")
    if quantity == 0:
        raise Refused(_("Une correction de 0 article ne change rien."), "quantity")
    if entry.corrects_id is not None:
        entry = db.session.get(Handover, entry.corrects_id)  # a correction corrects the handover itself
    counted = db.session.scalar(sa.select(sa.func.sum(Handover.quantity)).where(
        sa.or_(Handover.id == entry.id, Handover.corrects_id == entry.id)))
    if counted + quantity < 0:
        raise Refused(_("Cette remise compte %(num)d article(s) en tout : on ne peut pas en retirer davantage.",
                        num=counted), "quantity")
    if handed_over(entry.batch) + quantity > entry.batch.quantity:
        raise Refused(_("Le lot ne compte que %(num)d articles.", num=entry.batch.quantity), "quantity")
    unit = entry.batch.unit_weight_g
    fix = Handover(batch_id=entry.batch_id, reservation_id=entry.reservation_id, corrects_id=entry.id,
                   quantity=quantity, weight_g=quantity * unit, category=entry.category,
                   giver_name=entry.giver_name, receiver_name=entry.receiver_name, method="correction",
                   note=note.strip()[:300], recorded_by_id=actor.id, created_at=utcnow())
    db.session.add(fix)
    db.session.flush()
    return fix


def handed_over(batch) -> int:
    return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Handover.quantity), 0))
                             .where(Handover.batch_id == batch.id))


def close(actor, batch) -> Batch:
    """The giver withdraws the batch: it leaves the catalogue, and reservations still going on end (told)."""
    if not permissions.can_manage(actor, batch):
        raise NotAllowed()
    if batch.status == "closed":
        raise Refused(_("Ce lot est déjà retiré du catalogue."))
    batch.status = "closed"
    _end_going_on(actor, batch, "closed")
    db.session.flush()
    return batch


def lapse_and_tell(now=None) -> tuple[int, int]:
    """Lapse what is due (market.places offers the items to the next, who hears it through the signal),
    then tell each holder whose reservation lapsed, once. Idempotent: (lapsed now, people told now)."""
    now = now or utcnow()
    lapsed = places.lapse_due(now)
    untold = db.session.scalars(sa.select(Reservation).join(PlaceHold, Reservation.hold_id == PlaceHold.id).where(
        PlaceHold.status == HoldStatus.LAPSED, Reservation.lapse_told_at.is_(None)).order_by(Reservation.id)).all()
    told = 0
    for reservation in untold:
        reservation.lapse_told_at = now
        told += notices.tell_lapsed(reservation)
        if reservation.batch.chooses:  # the items are back with the giver, who allocates them again
            told += notices.tell_giver_items_back(reservation)
    db.session.flush()
    return lapsed, told
