"""Pure rules: every transition of the three state machines as a table, hours, slots, stock by date."""
from datetime import date, datetime, timedelta, timezone

import pytest

from market.spreadsheet import cell

from market.exchanges import rules
from market.exchanges.rules import PARIS, RoomRules

SIDES = ("owner", "requester", "system", None)

# (machine, state, action, side, proposer) -> next state; every other combination is refused.
ALLOWED = {
    ("booking", "requested", "accept", "owner"): "accepted",
    ("booking", "requested", "decline", "owner"): "declined",
    ("booking", "requested", "cancel", "requester"): "cancelled",
    ("booking", "accepted", "cancel", "owner"): "cancelled",
    ("booking", "accepted", "cancel", "requester"): "cancelled",
    ("loan", "requested", "accept", "owner"): "accepted",
    ("loan", "requested", "decline", "owner"): "declined",
    ("loan", "requested", "cancel", "requester"): "cancelled",
    ("loan", "accepted", "cancel", "owner"): "cancelled",
    ("loan", "accepted", "cancel", "requester"): "cancelled",
    ("loan", "accepted", "pick_up", "owner"): "picked_up",
    ("loan", "picked_up", "return", "owner"): "returned",
    ("loan", "picked_up", "mark_overdue", "system"): "overdue",
    ("loan", "overdue", "return", "owner"): "returned",
    ("agreement", "proposed", "confirm", "owner"): "confirmed",  # proposed by the requester
    ("agreement", "proposed", "cancel", "owner"): "cancelled",
    ("agreement", "proposed", "cancel", "requester"): "cancelled",
    ("agreement", "confirmed", "mark_done", "owner"): "confirmed",
    ("agreement", "confirmed", "mark_done", "requester"): "confirmed",
    ("agreement", "confirmed", "cancel", "owner"): "cancelled",
    ("agreement", "confirmed", "cancel", "requester"): "cancelled",
}
STATES = {"booking": ("requested", "accepted", "declined", "cancelled"),
          "loan": ("requested", "accepted", "picked_up", "returned", "declined", "cancelled", "overdue"),
          "agreement": ("proposed", "confirmed", "done", "cancelled")}
ACTIONS = ("accept", "decline", "cancel", "pick_up", "return", "mark_overdue", "confirm", "mark_done")
ALL = [(m, s, a, side) for m in STATES for s in STATES[m] for a in ACTIONS for side in SIDES]


@pytest.mark.parametrize("machine, state, action, side", ALL)
def test_every_transition(machine, state, action, side):
    expected = ALLOWED.get((machine, state, action, side))
    proposer = "requester"  # agreements in this table were proposed by the requester side
    if expected is None:
        assert not rules.allowed(machine, state, action, side, proposer)
        with pytest.raises(rules.TransitionRefused):
            rules.next_state(machine, state, action, side, proposer)
    else:
        assert rules.next_state(machine, state, action, side, proposer) == expected


def test_the_proposer_of_an_agreement_does_not_confirm_it():
    assert not rules.allowed("agreement", "proposed", "confirm", "owner", proposer="owner")
    assert rules.allowed("agreement", "proposed", "confirm", "requester", proposer="owner")


@pytest.mark.parametrize("owner, requester, status", [(False, False, "confirmed"), (True, False, "confirmed"),
                                                      (False, True, "confirmed"), (True, True, "done")])
def test_agreement_is_done_once_both_sides_say_so(owner, requester, status):
    assert rules.agreement_status_after_done(owner, requester) == status


def test_finished_states_have_no_action():
    for machine, finished in (("booking", ("declined", "cancelled")), ("loan", ("returned", "declined", "cancelled")),
                              ("agreement", ("done", "cancelled"))):
        for state in finished:
            assert all(rules.actions_for(machine, state, side) == [] for side in SIDES)


@pytest.mark.parametrize("text, expected", [
    ("", []), ("9h-12h", [[540, 720]]), ("09:00-12:00, 14:00-22:00", [[540, 720], [840, 1320]]),
    ("14h30 – 18h", [[870, 1080]]), ("18:00-24:00", [[1080, 1440]]), ("14:00-18:00; 9:00-12:00", [[540, 720], [840, 1080]]),
])
def test_parse_hours(text, expected):
    assert rules.parse_hours(text) == expected
    assert rules.parse_hours(rules.format_hours(expected)) == expected


@pytest.mark.parametrize("text", ["dix heures", "12:00-09:00", "9:00-12:00, 11:00-13:00", "25:00-26:00", "9:75-10:00"])
def test_unreadable_hours(text):
    with pytest.raises(ValueError):
        rules.parse_hours(text)


def test_parse_dates():
    assert rules.parse_dates("25/12/2030, 2031-01-01 1/5/2031") == [date(2030, 12, 25), date(2031, 1, 1), date(2031, 5, 1)]
    with pytest.raises(ValueError):
        rules.parse_dates("Noël")


FRIDAY = date(2030, 11, 15)  # a Friday
NOW = datetime(2030, 11, 1, tzinfo=timezone.utc)


def at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize("start, end, codes", [
    (at(FRIDAY, 18), at(FRIDAY, 20), []),
    (at(FRIDAY, 20), at(FRIDAY, 18), ["end_before_start"]),
    (at(FRIDAY, 18, 10), at(FRIDAY, 20), ["quarter_hours"]),
    (at(FRIDAY, 18), at(FRIDAY, 18, 30), ["too_short"]),
    (at(FRIDAY, 7), at(FRIDAY, 9), ["outside_hours"]),
    (at(FRIDAY, 21), at(FRIDAY + timedelta(days=1), 1), ["outside_hours"]),  # the first day that does not fit says it
    (at(FRIDAY + timedelta(days=2), 10), at(FRIDAY + timedelta(days=2), 12), ["outside_hours"]),  # Sunday: closed
    (at(FRIDAY + timedelta(days=7), 10), at(FRIDAY + timedelta(days=7), 12), ["closed_day"]),
    (at(date(2030, 10, 18), 10), at(date(2030, 10, 18), 12), ["in_past"]),
])
def test_check_booking(start, end, codes):
    room = RoomRules(opening_hours={str(d): [[480, 1320]] for d in range(6)}, min_minutes=60, max_minutes=600,
                     closed_dates=frozenset({FRIDAY + timedelta(days=7)}))
    assert [code for code, _ in rules.check_booking(room, start, end, NOW)] == codes


def test_multi_day_booking_needs_the_room_open_around_the_clock():
    room = RoomRules(opening_hours={"5": [[600, 1440]], "6": [[0, 1080]]}, max_minutes=3 * 1440)
    saturday = FRIDAY + timedelta(days=1)
    assert rules.check_booking(room, at(saturday, 10), at(saturday + timedelta(days=1), 18), NOW) == []
    assert rules.check_booking(room, at(saturday, 10), at(saturday + timedelta(days=1), 19), NOW)[0][0] == "outside_hours"


def test_daylight_saving_night_is_handled_in_paris_time():
    room = RoomRules(opening_hours={str(d): [[0, 1440]] for d in range(7)}, max_minutes=1440)
    night = date(2030, 10, 26)  # clocks go back on the 27th at 3:00
    start, end = at(night, 22), at(night + timedelta(days=1), 6)
    assert rules.check_booking(room, start, end, NOW - timedelta(days=60)) == []
    assert len(rules.slot_starts(start, end)) == 9 * 4  # nine real hours that night


def test_slots_cover_the_booking_and_its_buffer():
    start = at(FRIDAY, 18)
    slots = rules.slot_starts(start, at(FRIDAY, 20), buffer_minutes=30)
    assert len(slots) == 10 and slots[0] == start and slots[-1] == at(FRIDAY, 20, 15)
    assert len(rules.slot_starts(start, at(FRIDAY, 20), buffer_minutes=20)) == 10  # rounded up to a quarter-hour
    first, last = rules.held_window(start, at(FRIDAY, 20), 0)
    assert (first, last) == (start, at(FRIDAY, 20))


def test_two_bookings_overlap_exactly_when_their_slots_meet():
    def clash(a, b, buffer):
        return bool(set(rules.slot_starts(*a, buffer)) & set(rules.slot_starts(*b, buffer)))
    evening = (at(FRIDAY, 18), at(FRIDAY, 20))
    assert clash(evening, (at(FRIDAY, 19), at(FRIDAY, 21)), 0)
    assert not clash(evening, (at(FRIDAY, 20), at(FRIDAY, 21)), 0)
    assert clash(evening, (at(FRIDAY, 20, 15), at(FRIDAY, 21)), 30)
    assert not clash(evening, (at(FRIDAY, 20, 30), at(FRIDAY, 21)), 30)
    assert clash(evening, (at(FRIDAY, 16), at(FRIDAY, 17, 45)), 30)


def test_cancel_in_time():
    start = at(FRIDAY, 18)
    assert rules.can_cancel_in_time("requested", start, start + timedelta(days=1), 48)
    assert rules.can_cancel_in_time("accepted", start, start - timedelta(hours=48), 48)
    assert not rules.can_cancel_in_time("accepted", start, start - timedelta(hours=47), 48)
    assert not rules.can_cancel_in_time("declined", start, start - timedelta(days=9), 48)


D = date(2030, 6, 1)


def d(n):
    return D + timedelta(days=n)


def test_stock_by_date():
    loans = [(d(0), d(2), 3), (d(2), d(4), 2), (d(6), d(6), 5)]
    assert rules.usage_on(d(2), loans) == 5 and rules.usage_on(d(5), loans) == 0
    assert rules.peak_usage(loans, d(0), d(1)) == 3
    assert rules.peak_usage(loans, d(0), d(6)) == 5
    assert rules.peak_usage(loans, d(3), d(5)) == 2
    assert rules.peak_usage([], d(0), d(9)) == 0
    assert rules.availability(5, loans, d(1), 3) == [(d(1), 2), (d(2), 0), (d(3), 3)]


def test_loans_hold_units_while_out():
    today = d(10)
    assert rules.holding_end("accepted", d(5), today) == d(5)
    assert rules.holding_end("picked_up", d(5), today) == today  # late: still out
    assert rules.holding_end("overdue", d(5), today) == today
    assert rules.holding_end("picked_up", d(20), today) == d(20)
    for status in ("requested", "returned", "declined", "cancelled"):
        assert rules.holding_end(status, d(5), today) is None


@pytest.mark.parametrize("quantity, start, end, codes", [
    (1, d(1), d(3), []), (1, d(3), d(1), ["due_before_start"]), (1, d(-1), d(1), ["start_in_past"]),
    (4, d(1), d(2), ["above_stock"]), (1, d(1), d(200), ["too_long", "not_available"]), (1, d(1), d(40), ["not_available"]),
])
def test_check_loan(quantity, start, end, codes):
    assert [c for c, _ in rules.check_loan(quantity, 3, start, end, d(0), None, d(30))] == codes


def test_deposit_states():
    assert rules.deposit_after_pickup(15000) == "held" and rules.deposit_after_pickup(0) == "none"
    assert rules.deposit_after_return("held", keep=False) == "returned"
    assert rules.deposit_after_return("held", keep=True) == "kept"
    assert rules.deposit_after_return("none", keep=True) == "none"


@pytest.mark.parametrize("status, start, due, expected", [
    ("accepted", d(1), d(3), "pickup"), ("accepted", d(2), d(3), None), ("picked_up", d(-2), d(1), "due"),
    ("picked_up", d(-2), d(0), None), ("picked_up", d(-3), d(-1), "overdue"), ("overdue", d(-3), d(-1), None),
    ("returned", d(-3), d(-1), None), ("requested", d(1), d(2), None),
])
def test_which_reminder(status, start, due, expected):
    assert rules.loan_reminder(status, start, due, d(0)) == expected


def test_csv_cell():
    assert cell("=1+1") == "'=1+1" and cell("-2") == "'-2" and cell("Salle") == "Salle"
    assert cell(None) == ""
