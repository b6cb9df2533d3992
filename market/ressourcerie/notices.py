"""Who hears about a reservation: the next in line offered items, a holder whose reservation lapsed."""
from flask import url_for
from flask_babel import force_locale, format_datetime, gettext as _

from market.extensions import db
from market.notifications.services import notify


def _reservation_of(hold):
    from market.ressourcerie.models import Reservation
    return db.session.scalar(db.select(Reservation).where(Reservation.hold_id == hold.id))


def on_place_offered(hold, **_extra) -> None:
    """market.places offered freed places to `hold`: if it is one of our reservations, tell its holder now."""
    from market.ressourcerie.services import POOL_KIND
    if hold.pool is None or hold.pool.kind != POOL_KIND:
        return
    reservation = _reservation_of(hold)
    if reservation is None:  # the hold is being created by reserve(): nothing to offer yet
        return
    user, batch = reservation.user, reservation.batch
    with force_locale(user.locale or "fr"):
        title = _("Des articles se libèrent pour vous : %(title)s", title=batch.title)
        body = _("%(num)d article(s) vous sont proposés. Acceptez-les avant le %(when)s, sinon ils passent "
                 "à la personne suivante.", num=hold.quantity,
                 when=format_datetime(hold.expires_at, "d MMMM y HH:mm"))
    notify(user, "ressourcerie_offer", title, url_for("ressourcerie.batch", batch_id=batch.id), body=body,
           email_template="notification", context={"batch_id": batch.id},
           dedupe_key=f"ressourcerie.offer:{hold.id}:{hold.expires_at:%Y%m%d%H%M}")


def tell_lapsed(reservation) -> int:
    """Tell the holder their reservation lapsed (once: the dedupe key is the reservation)."""
    user, batch = reservation.user, reservation.batch
    with force_locale(user.locale or "fr"):
        title = _("Votre réservation a expiré : %(title)s", title=batch.title)
        body = _("Les articles n'ont pas été retirés (ou acceptés) à temps : ils sont proposés à la personne "
                 "suivante. Vous pouvez réserver à nouveau s'il en reste.")
    sent = notify(user, "ressourcerie_lapsed", title, url_for("ressourcerie.batch", batch_id=batch.id), body=body,
                  email_template="notification", context={"batch_id": batch.id},
                  dedupe_key=f"ressourcerie.lapsed:{reservation.id}")
    return 1 if sent is not None else 0


def tell_allocated(reservation) -> None:
    """The giver chose this request: the holder hears how many items and until when to collect them."""
    user, batch, hold = reservation.user, reservation.batch, reservation.hold
    with force_locale(user.locale or "fr"):
        title = _("Le donateur vous attribue des articles : %(title)s", title=batch.title)
        body = _("%(num)d article(s) vous sont attribués. Venez les chercher avant le %(when)s avec votre code "
                 "%(code)s.", num=hold.quantity, when=format_datetime(hold.expires_at, "d MMMM y HH:mm"),
                 code=reservation.code)
    notify(user, "ressourcerie_allocated", title, url_for("ressourcerie.batch", batch_id=batch.id), body=body,
           email_template="notification", context={"batch_id": batch.id},
           dedupe_key=f"ressourcerie.allocated:{reservation.id}")


def tell_ended(reservation, why: str) -> None:
    """The giver ended this reservation or request ("giver"), every item is given ("given"), or the batch
    was withdrawn ("closed"): its holder hears it once."""
    user, batch = reservation.user, reservation.batch
    with force_locale(user.locale or "fr"):
        title = _("Votre réservation n'a pas abouti : %(title)s", title=batch.title)
        body = {"giver": _("Le donateur a mis fin à votre réservation ou à votre demande."),
                "given": _("Tous les articles du lot ont été donnés."),
                "closed": _("Le donateur a retiré ce lot du catalogue.")}[why]
    notify(user, "ressourcerie_ended", title, url_for("ressourcerie.catalogue"), body=body,
           email_template="notification", context={"batch_id": batch.id},
           dedupe_key=f"ressourcerie.ended:{reservation.id}")


def tell_giver_items_back(reservation) -> int:
    """A "je choisis" reservation lapsed: its items are back with the giver, who may allocate them again."""
    batch = reservation.batch
    giver = batch.donor
    with force_locale(giver.locale or "fr"):
        title = _("Des articles reviennent à attribuer : %(title)s", title=batch.title)
        body = _("%(name)s n'est pas venu·e chercher %(num)d article(s) à temps : vous pouvez les attribuer "
                 "à une autre demande.", name=reservation.receiver_name, num=reservation.hold.quantity)
    sent = notify(giver, "ressourcerie_back", title, url_for("ressourcerie.batch", batch_id=batch.id), body=body,
                  email_template="notification", context={"batch_id": batch.id},
                  dedupe_key=f"ressourcerie.back:{reservation.id}")
    return 1 if sent is not None else 0
