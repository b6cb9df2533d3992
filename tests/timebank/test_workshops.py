"""Workshops: 6 seats and 8 requests (2 wait), a cancellation offers the seat to the first in line, cancellation
with notice, reminders the day before (once), who came, the hours each pays (the coordinators' rule), 72 hours."""
from datetime import datetime, time, timedelta

import pytest

from market.extensions import db
from market.ledger.queries import drift
from market.notifications.models import Notification
from market.places.models import HoldStatus
from market.timebank import settings, workshops
from market.timebank.notices import send_reminders
from market.timebank.rules import PARIS, workshop_shares
from market.types import utcnow
from tests.factories import make_org, make_user
from tests.timebank.conftest import balance


def _workshop(people, capacity=6, in_days=3, start=time(14, 0), end=time(16, 0), **extra):
    day = (datetime.now(PARIS) + timedelta(days=in_days)).date()
    values = {"skill": "funding", "title": "Rédiger sa demande de subvention", "description": "Avec vos dossiers.",
              "day": day, "start": start, "end": end, "place": "Maison des associations", "commune_code": None,
              "video_url": "", "capacity": capacity, "notice_hours": 24, **extra}
    item = workshops.create_workshop(people["juriste"], people["groupement"], values)
    db.session.commit()
    return item


def _members(count):
    out = []
    for n in range(count):
        user = make_user(f"membre{n}@example.org", f"Membre {n}")
        out.append((user, make_org(user, name=f"Association {n}")))
    return out


def _notices(user, kind):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id,
                                                            Notification.kind == kind)).all()


def test_six_seats_eight_requests_two_wait_and_the_first_in_line_gets_the_freed_seat(people):
    workshop = _workshop(people)
    members = _members(8)
    seats = [workshops.book(user, workshop, org) for user, org in members]
    db.session.commit()
    assert [s.hold.status for s in seats] == [HoldStatus.HELD] * 6 + [HoldStatus.WAITING] * 2
    assert workshop.pool.taken == 6
    workshops.cancel_seat(members[2][0], seats[2])
    db.session.commit()
    assert seats[2].status == "cancelled"
    assert seats[6].hold.status == HoldStatus.OFFERED and seats[7].hold.status == HoldStatus.WAITING
    assert len(_notices(members[6][0], "timebank_seat_offered")) == 1
    workshops.confirm_seat(members[6][0], seats[6])
    db.session.commit()
    assert seats[6].hold.status == HoldStatus.HELD and workshop.pool.taken == 6
    with pytest.raises(workshops.Refused):  # already in
        workshops.book(members[6][0], workshop, members[6][1])
    db.session.rollback()


def test_a_seat_is_cancelled_up_to_the_notice_then_the_provider_is_told_directly(people):
    workshop = _workshop(people, in_days=3)
    (user, org), = _members(1)
    seat = workshops.book(user, workshop, org)
    db.session.commit()
    late = workshop.starts_at - timedelta(hours=23)
    with pytest.raises(workshops.Refused, match="Moins de 24 heures"):
        workshops.cancel_seat(user, seat, now=late)
    db.session.rollback()
    with pytest.raises(workshops.NotAllowed):
        workshops.cancel_seat(people["outsider"], seat)
    db.session.rollback()
    workshops.cancel_seat(user, seat, now=workshop.starts_at - timedelta(hours=24))
    db.session.commit()
    assert workshop.pool.taken == 0


def test_reminders_the_day_before_are_sent_once(people, runner):
    tomorrow = _workshop(people, in_days=1)
    later = _workshop(people, in_days=4)
    (user, org), (other, other_org) = _members(2)
    workshops.book(user, tomorrow, org)
    workshops.book(other, later, other_org)
    db.session.commit()
    assert send_reminders() == 1
    db.session.commit()
    assert send_reminders() == 0
    result = runner.invoke(args=["market", "timebank-reminders"])
    assert result.exit_code == 0 and "envoyés : 0" in result.output
    assert len(_notices(user, "timebank_workshop_reminder")) == 1 and not _notices(other, "timebank_workshop_reminder")


def test_the_provider_gains_the_hours_times_the_attendees_each_attendee_pays_them(people):
    workshop = _workshop(people, capacity=3)
    members = _members(4)
    seats = [workshops.book(user, workshop, org) for user, org in members]
    db.session.commit()
    after = workshop.starts_at + timedelta(hours=2)
    with pytest.raises(workshops.Refused):
        workshops.record_attendance(people["juriste"], workshop, [s.id for s in seats], now=utcnow())
    db.session.rollback()
    with pytest.raises(workshops.NotAllowed):
        workshops.record_attendance(members[0][0], workshop, [], now=after)
    db.session.rollback()
    came = workshops.record_attendance(people["colleague"], workshop, [seats[0].id, seats[1].id, seats[3].id],
                                       now=after)
    db.session.commit()
    assert [s.id for s in came] == [seats[0].id, seats[1].id]  # the 4th was in line, never seated
    assert [s.status for s in seats] == ["recorded", "recorded", "absent", "cancelled"]
    assert [s.minutes for s in came] == [120, 120]
    workshops.confirm_hours(members[0][0], seats[0], now=after)
    db.session.commit()
    assert balance(people["groupement"]) == 120 and balance(members[0][1]) == -120
    workshops.contest_hours(members[1][0], seats[1], "Je suis parti au bout d'une heure.")
    db.session.commit()
    assert workshops.seats_due(after + timedelta(days=5)) == []
    workshops.decide(people["coordinator"], seats[1], count=True)
    db.session.commit()
    assert balance(people["groupement"]) == 240 and drift() == []


def test_hours_not_contested_within_72_hours_are_counted_by_the_hourly_command(people, runner):
    workshop = _workshop(people, capacity=2)
    (user, org), = _members(1)
    seat = workshops.book(user, workshop, org)
    db.session.commit()
    recorded = workshop.starts_at + timedelta(hours=2)
    workshops.record_attendance(people["juriste"], workshop, [seat.id], now=recorded)
    db.session.commit()
    assert workshops.seats_due(recorded + timedelta(hours=71, minutes=59)) == []
    assert [s.id for s in workshops.seats_due(recorded + timedelta(hours=72))] == [seat.id]
    seat.recorded_at = utcnow() - timedelta(hours=73)
    db.session.commit()
    result = runner.invoke(args=["market", "timebank-settle"])
    assert "1 place(s) d'atelier comptée(s)" in result.output, result.output
    assert balance(org) == -120 and seat.entry.created_by_id is None


def test_the_shared_rule_splits_the_hours_between_attendees(people):
    settings.save(people["coordinator"], 0, None, None, None, None, "shared")
    db.session.commit()
    workshop = _workshop(people, capacity=3, start=time(9, 0), end=time(10, 40))  # 100 minutes
    members = _members(3)
    seats = [workshops.book(user, workshop, org) for user, org in members]
    db.session.commit()
    workshops.record_attendance(people["juriste"], workshop, [s.id for s in seats],
                                now=workshop.starts_at + timedelta(hours=2))
    db.session.commit()
    assert [s.minutes for s in seats] == [34, 33, 33]


@pytest.mark.parametrize("minutes, attendees", [(120, 1), (120, 6), (100, 3), (5, 7), (0, 3), (60, 0)])
def test_the_workshop_rule_in_one_place(minutes, attendees):
    per = workshop_shares(minutes, attendees, "per_attendee")
    shared = workshop_shares(minutes, attendees, "shared")
    if minutes and attendees:
        assert sum(per) == minutes * attendees and set(per) == {minutes}
        assert sum(shared) == minutes and max(shared) - min(shared) <= 1
    else:
        assert per == shared == []


def test_the_provider_calls_it_off_and_everyone_is_told(people):
    workshop = _workshop(people, capacity=1)
    members = _members(2)
    seats = [workshops.book(user, workshop, org) for user, org in members]
    db.session.commit()
    with pytest.raises(workshops.FieldsRefused):
        workshops.cancel_workshop(people["juriste"], workshop, "  ")
    db.session.rollback()
    from market.timebank.notices import tell_workshop_cancelled
    told = tell_workshop_cancelled(workshop, workshops.cancel_workshop(people["juriste"], workshop, "Salle inondée"))
    db.session.commit()
    assert told == 2 and [s.status for s in seats] == ["cancelled", "cancelled"]
    assert workshop.pool.taken == 0 and not _notices(members[1][0], "timebank_seat_offered")
    with pytest.raises(workshops.Refused):
        workshops.book(people["actor"], workshop, people["theatre"])
    db.session.rollback()


def test_a_workshop_needs_a_future_date_a_place_or_a_link_and_seats(people):
    day = (datetime.now(PARIS) - timedelta(days=1)).date()
    with pytest.raises(workshops.FieldsRefused) as refused:
        workshops.create_workshop(people["juriste"], people["groupement"], {
            "skill": "legal", "title": "x", "day": day, "start": time(10), "end": time(9), "place": "",
            "video_url": "javascript:alert(1)", "capacity": 0, "notice_hours": 24})
    db.session.rollback()
    assert {name for name, _ in refused.value.by_field} == {"day", "end", "capacity", "video_url"}


def test_a_seat_freed_close_to_the_workshop_is_offered_for_less_time(people):
    workshop = _workshop(people, capacity=1, in_days=3)
    (first, first_org), (second, second_org) = _members(2)
    seat = workshops.book(first, workshop, first_org)
    waiting = workshops.book(second, workshop, second_org)
    db.session.commit()
    workshop.notice_hours = 0
    now = workshop.starts_at - timedelta(hours=6)
    workshops.cancel_seat(first, seat, now=now)
    db.session.commit()
    assert waiting.hold.status == HoldStatus.OFFERED
    assert waiting.hold.expires_at == now + timedelta(hours=3)  # half the time left, not a whole day
