"""Who may do what, as a matrix: the two sides of a conversation, an outsider, a coordinator, anonymous."""
from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from market.exchanges import agreements, bookings, conversations, loans, permissions
from market.extensions import db
from tests.exchanges.conftest import make_room, make_sound_system, next_weekday, paris
from tests.factories import make_listing

ROLES = ("owner", "colleague", "actor", "outsider", "coordinator", "anonymous")


@pytest.fixture
def world(people):
    p = people
    room = make_room(p["owner"], p["centre"])
    sono = make_sound_system(p["owner"], p["centre"])
    need = make_listing(p["actor"], p["theatre"], kind="need", category="volunteering", title="Bénévoles pour le festival")
    booking = bookings.request_booking(p["actor"], room, p["theatre"], paris(next_weekday(4), 18), paris(next_weekday(4), 20))
    loan = loans.request_loan(p["actor"], sono, p["theatre"], 1, loans.today() + timedelta(days=2),
                              loans.today() + timedelta(days=3))
    help_conv = conversations.start_conversation(p["owner"], need, p["centre"])
    agreement = agreements.propose(p["owner"], help_conv, "Deux bénévoles à l'accueil", loans.today(), 240)
    db.session.commit()
    users = {**{r: p[r] for r in ROLES[:-1]}, "anonymous": AnonymousUserMixin()}
    return {"users": users, "room": room, "sono": sono, "need": need, "booking": booking, "loan": loan,
            "agreement": agreement, "conv": booking.conversation}


def _row(world, check):
    return {role: check(user) for role, user in world["users"].items()}


def _expect(yes):
    return {role: role in yes for role in ROLES}


def test_side_of(world):
    assert _row(world, lambda u: permissions.side_of(u, world["conv"])) == {
        "owner": "owner", "colleague": "owner", "actor": "requester", "outsider": None, "coordinator": None,
        "anonymous": None}


@pytest.mark.parametrize("name, check, yes", [
    ("read conversation", lambda w, u: permissions.can_read(u, w["conv"]), {"owner", "colleague", "actor"}),
    ("write", lambda w, u: permissions.can_write(u, w["conv"]), {"owner", "colleague", "actor"}),
    ("moderate messages", lambda w, u: permissions.can_moderate_messages(u), {"coordinator"}),
    ("contact about the room", lambda w, u: permissions.can_contact(u, w["room"]), {"actor", "outsider", "coordinator"}),
    ("book the room", lambda w, u: permissions.can_book(u, w["room"]), {"actor", "outsider", "coordinator"}),
    ("borrow the room", lambda w, u: permissions.can_borrow(u, w["room"]), set()),
    ("borrow the sound system", lambda w, u: permissions.can_borrow(u, w["sono"]), {"actor", "outsider", "coordinator"}),
    ("manage the room's calendar", lambda w, u: permissions.can_manage_room(u, w["room"]), {"owner", "colleague"}),
    ("manage the item", lambda w, u: permissions.can_manage_item(u, w["sono"]), {"owner", "colleague"}),
    ("accept the booking", lambda w, u: permissions.can_do(u, "booking", w["booking"], "accept"), {"owner", "colleague"}),
    ("withdraw the booking", lambda w, u: permissions.can_do(u, "booking", w["booking"], "cancel"), {"actor"}),
    ("accept the loan", lambda w, u: permissions.can_do(u, "loan", w["loan"], "accept"), {"owner", "colleague"}),
    ("see the loan", lambda w, u: permissions.can_see_exchange(u, w["loan"]), {"owner", "colleague", "actor"}),
    ("confirm the agreement", lambda w, u: permissions.can_do(u, "agreement", w["agreement"], "confirm"), {"actor"}),
    ("cancel the agreement", lambda w, u: permissions.can_do(u, "agreement", w["agreement"], "cancel"),
     {"owner", "colleague", "actor"}),
    ("propose an agreement about a room", lambda w, u: permissions.can_propose_agreement(u, w["conv"]), set()),
    ("see the centre's history", lambda w, u: permissions.can_see_history(u, w["conv"].owner_org), {"owner", "colleague"}),
    ("manage the centre's feeds", lambda w, u: permissions.can_manage_feeds(u, w["conv"].owner_org), {"owner", "colleague"}),
    ("close the sound system listing", lambda w, u: permissions.can_close_listing(u, w["sono"]), {"owner", "colleague"}),
])
def test_matrix(world, name, check, yes):
    assert _row(world, lambda u: bool(check(world, u))) == _expect(yes), name


def test_reporting_is_for_participants_other_than_the_author(world):
    p = world["users"]
    message = conversations.post_message(p["actor"], world["conv"], "Bonjour")
    db.session.commit()
    assert _row(world, lambda u: permissions.can_report(u, message)) == _expect({"owner", "colleague"})


def test_a_suspended_account_loses_access(world):
    owner = world["users"]["owner"]
    owner.status = "suspended"
    db.session.commit()
    assert not permissions.can_read(owner, world["conv"])
    assert not permissions.can_do(owner, "booking", world["booking"], "accept")
