"""Reads of the ressourcerie: the catalogue, one member's reservations and handovers, the impact entries."""
from functools import lru_cache
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import force_locale

from market.extensions import db
from market.places.models import HoldStatus, PlaceHold
from market.places.services import free, position
from market.matching.text import term_list, tokens
from market.ressourcerie import rules
from market.ressourcerie.labels import rlabel
from market.ressourcerie.models import Batch, Handover, Reservation

PARIS = ZoneInfo("Europe/Paris")
SCAN = 1000  # open batches looked at by a search (a network gives far fewer at a time)
LIMIT = 200
ACTIVE = (HoldStatus.HELD, HoldStatus.OFFERED, HoldStatus.WAITING)


def catalogue(words: str = "", category: str = "") -> list[Batch]:
    """Open batches, newest first; `words` found as the listings' search finds them: accents, plurals and
    the other names of a thing ("pc", "ordi" find "ordinateurs") in the title, description or category."""
    batches = list(db.session.scalars(_open_batches(bool(category)), {"category": category} if category else {}))
    words = (words or "").replace("\x00", "")[:200]
    wanted = [set(term_list(word)) for word in words.split()[:8]]
    wanted = [terms for terms in wanted if terms]
    if wanted:
        batches = [b for b in batches if rules.covers(_terms(b), wanted)]
    elif words.strip():  # only numbers or little words ("14 pouces" without "pouces"): as typed
        batches = [b for b in batches if all(w.lower() in f"{b.title} {b.description}".lower()
                                             for w in words.split()[:8])]
    return batches[:LIMIT]


@lru_cache(maxsize=2)
def _open_batches(of_category: bool) -> sa.Select:
    """Built once (the listings' search page asks at every search with words): SQLAlchemy finds it compiled."""
    stmt = sa.select(Batch).where(Batch.status == "open").order_by(Batch.created_at.desc(), Batch.id.desc())
    if of_category:
        stmt = stmt.where(Batch.category == sa.bindparam("category"))
    return stmt.limit(SCAN)


def _terms(batch) -> frozenset[str]:
    with force_locale("fr"):  # the category's name as the batch's giver wrote it, whoever searches
        category = str(rlabel("category", batch.category))
    return tokens(f"{batch.title} . {batch.description} . {category}")


def available(batch) -> int:
    return free(batch.pool)


def reservations_of(batch) -> list[Reservation]:
    return list(db.session.scalars(sa.select(Reservation).where(Reservation.batch_id == batch.id)
                                   .order_by(Reservation.id)))


def handovers_of(batch) -> list[Handover]:
    """The batch's handover entries, corrections included, oldest first."""
    return list(db.session.scalars(sa.select(Handover).where(Handover.batch_id == batch.id)
                                   .order_by(Handover.created_at, Handover.id)))


def requests_of(batch) -> tuple[int, int]:
    """(requests waiting, items they ask for): what a giver who chooses has to allocate among."""
    count, items = db.session.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(PlaceHold.quantity), 0))
                                      .select_from(Reservation).join(PlaceHold, Reservation.hold_id == PlaceHold.id)
                                      .where(Reservation.batch_id == batch.id,
                                             PlaceHold.status == HoldStatus.WAITING)).one()
    return count, items


def waiting_position(reservation) -> int | None:
    return position(reservation.hold)


def no_shows(user_ids) -> dict[int, int]:
    """How many ressourcerie reservations of each person lapsed (what the giver sees)."""
    if not user_ids:
        return {}
    rows = db.session.execute(sa.select(Reservation.user_id, sa.func.count()).join(
        PlaceHold, Reservation.hold_id == PlaceHold.id).where(
        Reservation.user_id.in_(list(user_ids)), PlaceHold.status == HoldStatus.LAPSED)
        .group_by(Reservation.user_id)).all()
    return {user_id: count for user_id, count in rows}


def my_reservations(user) -> list[Reservation]:
    """The person's reservations still going on (to collect, to accept, waiting)."""
    return list(db.session.scalars(sa.select(Reservation).join(PlaceHold, Reservation.hold_id == PlaceHold.id)
                                   .where(Reservation.user_id == user.id, PlaceHold.status.in_(ACTIVE))
                                   .order_by(PlaceHold.expires_at.is_(None), PlaceHold.expires_at)))


def to_hand_over(user) -> list[tuple[Batch, int]]:
    """The person's batches (theirs, or their organisations') with how many reservations wait for a handover."""
    org_ids = [o.id for o in user.organizations]
    mine = sa.or_(Batch.donor_id == user.id, Batch.organization_id.in_(org_ids) if org_ids else sa.false())
    rows = db.session.execute(sa.select(Batch, sa.func.count(Reservation.id)).join(
        Reservation, Reservation.batch_id == Batch.id).join(PlaceHold, Reservation.hold_id == PlaceHold.id)
        .where(mine, PlaceHold.status == HoldStatus.HELD).group_by(Batch.id).order_by(Batch.id)).all()
    return [(batch, count) for batch, count in rows]


def impact_entries() -> list[dict]:
    """Every handover entry, as rules.impact() wants them."""
    rows = db.session.scalars(sa.select(Handover).order_by(Handover.created_at, Handover.id))
    return [{"category": h.category, "month": h.created_at.astimezone(PARIS).strftime("%Y-%m"), "giver": h.giver_name,
             "receiver": h.receiver_name, "quantity": h.quantity, "weight_g": h.weight_g} for h in rows]
