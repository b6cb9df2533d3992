"""Signing up to shifts through market/places: overlap named, waiting list in order, a freed place offered
to the next who confirms within the delay (a clock we control), attendance and hours."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.events import queries, services
from market.events.models import Attendance
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.extensions import db
from market.notifications.models import Notification
from market.places import services as places
from market.places.models import HoldStatus
from market.types import utcnow
from tests.events.conftest import volunteer
from tests.events.helpers import make_event


def crowd(n):
    return [volunteer(f"v{i}@example.org", f"Bénévole {i}") for i in range(n)]


def test_a_volunteer_takes_a_shift_and_cannot_take_an_overlapping_one(race):
    hold = services.sign_up(race["vera"], race["signaleur"])
    db.session.commit()
    assert hold.status == HoldStatus.HELD
    with pytest.raises(ExchangeRefused) as refused:
        services.sign_up(race["vera"], race["buvette"])
    message = str(refused.value)
    assert "« signaleur »" in message and "de 08:00 à 12:00" in message and "Course cycliste" in message
    db.session.rollback()
    assert queries.hold_of(race["vera"], race["buvette"]) is None
    assert places.free(race["buvette"].pool) == 6


def test_a_second_sign_up_to_the_same_shift_is_refused(race):
    services.sign_up(race["vera"], race["signaleur"])
    with pytest.raises(ExchangeRefused, match="déjà inscrit"):
        services.sign_up(race["vera"], race["signaleur"])


def test_shifts_of_another_day_or_touching_do_not_clash(race):
    event = make_event(race["organiser"], race["club"], title="Rangement",
                       shifts=[("rangement", 12, 14, 3)])  # same day, starts when "signaleur" ends
    services.sign_up(race["vera"], race["signaleur"])
    assert services.sign_up(race["vera"], event.shifts[0]).status == HoldStatus.HELD


def test_a_full_shift_puts_the_next_in_line_in_order_and_a_cancellation_offers_the_place(race):
    buvette = race["buvette"]
    people = crowd(8)
    holds = [services.sign_up(p, buvette) for p in people]
    db.session.commit()
    assert [h.status for h in holds] == [HoldStatus.HELD] * 6 + [HoldStatus.WAITING] * 2
    assert [places.position(h) for h in holds[6:]] == [1, 2]
    services.cancel(people[2], holds[2], buvette)
    db.session.commit()
    assert holds[6].status == HoldStatus.OFFERED and holds[7].status == HoldStatus.WAITING
    assert places.position(holds[7]) == 1
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == people[6].id))
    assert notice.kind == "event_place_offered" and "« buvette »" in notice.title
    services.confirm(people[6], holds[6])
    db.session.commit()
    assert holds[6].status == HoldStatus.HELD and places.free(buvette.pool) == 0


def test_an_offer_not_confirmed_in_time_goes_to_the_one_after(race):
    buvette = race["buvette"]
    people = crowd(8)
    holds = [services.sign_up(p, buvette) for p in people]
    services.cancel(people[0], holds[0], buvette)
    db.session.commit()
    offered = holds[6]
    assert offered.expires_at is not None
    late = offered.expires_at + timedelta(minutes=1)
    assert places.lapse_due(now=late) == 1
    db.session.commit()
    assert offered.status == HoldStatus.LAPSED and holds[7].status == HoldStatus.OFFERED
    with pytest.raises(ExchangeRefused, match="délai"):
        services.confirm(people[6], offered)


def test_the_offer_is_shorter_when_the_shift_is_tomorrow(race):
    soon = make_event(race["organiser"], race["club"], title="Demain", shifts=[("accueil", 20, 22, 1)], days=1)
    shift = soon.shifts[0]
    first, second = crowd(2)
    hold = services.sign_up(first, shift)
    waiting = services.sign_up(second, shift)
    services.cancel(first, hold, shift)
    assert waiting.status == HoldStatus.OFFERED
    assert waiting.expires_at <= shift.starts_at


def test_who_may_do_what(race):
    vera, outsider, organiser = race["vera"], race["outsider"], race["organiser"]
    hold = services.sign_up(vera, race["signaleur"])
    with pytest.raises(NotAllowed):
        services.cancel(outsider, hold, race["signaleur"])
    with pytest.raises(NotAllowed):
        services.confirm(outsider, hold)
    with pytest.raises(NotAllowed):
        services.add_shift(outsider, race["event"], race["signaleur"].starts_at.date(), *_hours(9, 10), "x", 1)
    with pytest.raises(NotAllowed):
        services.record_attendance(outsider, race["signaleur"], {}, now=race["signaleur"].ends_at)
    with pytest.raises(NotAllowed):
        services.create_event(outsider, race["club"], {"title": "x", "commune_code": "03310"})
    services.cancel(race["colleague"], hold, race["signaleur"])  # any organiser may take someone off the roster
    assert hold.status == HoldStatus.RELEASED


def test_co_organisers_run_the_event_too(race):
    other = race["outsider"].organizations[0]
    event = services.create_event(race["organiser"], race["club"], {"title": "Fête commune", "commune_code": "03310"},
                                  co_organizers=[other])
    assert [o.name for o in event.organizations] == ["Vélo Club de Saint-Yorre", "AMAP de Gannat"]
    services.add_shift(race["outsider"], event, race["signaleur"].starts_at.date(), *_hours(9, 10), "accueil", 2)


def test_past_shifts_take_no_sign_up(race):
    with pytest.raises(NotAllowed):
        services.sign_up(race["vera"], race["signaleur"], now=race["signaleur"].starts_at)


def test_the_organiser_confirms_hours_and_they_count_for_the_volunteer_and_the_association(race):
    shift = race["signaleur"]
    other = volunteer("absent@example.org", "Absent")
    services.sign_up(race["vera"], shift)
    hold = services.sign_up(other, shift)
    with pytest.raises(ExchangeRefused):
        services.record_attendance(race["organiser"], shift, {race["vera"].id: (True, 240)})
    after = shift.ends_at + timedelta(hours=1)
    services.record_attendance(race["organiser"], shift, {race["vera"].id: (True, 240), other.id: (False, 240)},
                               now=after)
    db.session.commit()
    assert [a.minutes for a in queries.attendances_of(race["vera"])] == [240]
    assert queries.attendances_of(other) == [] and hold.status == HoldStatus.HELD
    assert queries.hold_of(race["vera"], shift).status == HoldStatus.DONE
    assert sum(a.minutes for a in queries.attendances_for(race["club"])) == 240
    assert queries.total_minutes() == 240
    # corrected later: one row per volunteer and shift, never two
    services.record_attendance(race["organiser"], shift, {race["vera"].id: (True, 210)}, now=after)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attendance)) == 2
    assert queries.total_minutes() == 210


def test_a_bad_shift_is_refused_field_by_field_and_nothing_is_written(race):
    from market.exchanges.base import FieldsRefused
    from market.places.models import PlacePool
    pools = db.session.scalar(sa.select(sa.func.count()).select_from(PlacePool))
    yesterday = (utcnow() - timedelta(days=1)).date()
    with pytest.raises(FieldsRefused) as refused:
        services.add_shift(race["organiser"], race["event"], yesterday, *_hours(9, 10), "accueil", 0)
    assert [f for f, _s in refused.value.by_field] == ["day", "capacity"]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PlacePool)) == pools


def _hours(start, end):
    from datetime import time
    return time(start), time(end)
