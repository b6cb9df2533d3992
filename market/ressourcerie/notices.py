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
