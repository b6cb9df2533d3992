"""Every state change of a reservation, as a table: from each state, each action by each side."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.fields import today
from market.ressourcerie import services
from market.types import utcnow
from tests.factories import make_batch

STATES = ("HELD", "WAITING", "OFFERED", "DONE", "RELEASED", "LAPSED")
ACTIONS = ("cancel", "confirm", "hand_over", "allocate")
ROLES = ("holder", "donor", "outsider")
# The changes that happen; any other action from a state by a side allowed to try is refused with a word.
TARGETS = {("HELD", "cancel"): "RELEASED", ("HELD", "hand_over"): "DONE", ("WAITING", "cancel"): "RELEASED",
           ("OFFERED", "cancel"): "RELEASED", ("OFFERED", "confirm"): "HELD"}
WHO = {"cancel": {"holder", "donor"}, "confirm": {"holder"}, "hand_over": {"donor"}, "allocate": {"donor"}}
TABLE = [(state, action, role, TARGETS.get((state, action), "refused") if role in WHO[action] else "forbidden")
         for state in STATES for action in ACTIONS for role in ROLES]


def _reservation_in(state, network):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=2)
    filler = None
    if state in ("WAITING", "OFFERED"):
        filler = services.reserve(network["b"], batch, 2, network["b_org"])
    reservation = services.reserve(network["a"], batch, 1, network["a_org"])
    if state == "OFFERED":
        services.cancel(network["b"], filler)
    elif state == "DONE":
        services.hand_over(network["giver"], reservation)
    elif state == "RELEASED":
        services.cancel(network["a"], reservation)
    elif state == "LAPSED":
        reservation.hold.expires_at = utcnow() - timedelta(minutes=1)
        db.session.flush()
        services.lapse_and_tell()
    db.session.commit()
    assert reservation.status == state
    return reservation


@pytest.mark.parametrize("state, action, role, expected", TABLE, ids=[f"{s}-{a}-{r}" for s, a, r, _e in TABLE])
def test_state_change(network, state, action, role, expected):
    reservation = _reservation_in(state, network)
    actor = {"holder": network["a"], "donor": network["giver"], "outsider": network["outsider"]}[role]
    if expected == "forbidden":
        with pytest.raises(services.NotAllowed):
            getattr(services, action)(actor, reservation)
    elif expected == "refused":
        with pytest.raises(services.Refused):
            getattr(services, action)(actor, reservation)
        db.session.rollback()
        assert reservation.status == state
    else:
        getattr(services, action)(actor, reservation)
        db.session.commit()
        assert reservation.status == expected


# When the giver chooses ("je choisis"), a request waits for the giver's allocation, and nothing is ever offered.
CHOICE_STATES = ("WAITING", "HELD", "DONE", "RELEASED", "LAPSED")
CHOICE_TARGETS = {("WAITING", "allocate"): "HELD", ("WAITING", "cancel"): "RELEASED",
                  ("HELD", "cancel"): "RELEASED", ("HELD", "hand_over"): "DONE"}
CHOICE_TABLE = [(state, action, role, CHOICE_TARGETS.get((state, action), "refused") if role in WHO[action]
                 else "forbidden") for state in CHOICE_STATES for action in ACTIONS for role in ROLES]


def _request_in(state, network):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=2, rule="choice",
                       requests_until=today())
    reservation = services.reserve(network["a"], batch, 1, network["a_org"])
    batch.requests_until = today() - timedelta(days=1)  # requests closed: the giver may allocate
    db.session.flush()
    if state != "WAITING":
        services.allocate(network["giver"], reservation)
    if state == "DONE":
        services.hand_over(network["giver"], reservation)
    elif state == "RELEASED":
        services.cancel(network["a"], reservation)
    elif state == "LAPSED":
        reservation.hold.expires_at = utcnow() - timedelta(minutes=1)
        db.session.flush()
        services.lapse_and_tell()
    db.session.commit()
    assert reservation.status == state
    return reservation


@pytest.mark.parametrize("state, action, role, expected", CHOICE_TABLE,
                         ids=[f"choice-{s}-{a}-{r}" for s, a, r, _e in CHOICE_TABLE])
def test_state_change_when_the_giver_chooses(network, state, action, role, expected):
    reservation = _request_in(state, network)
    actor = {"holder": network["a"], "donor": network["giver"], "outsider": network["outsider"]}[role]
    taken = reservation.batch.pool.taken
    if expected == "forbidden":
        with pytest.raises(services.NotAllowed):
            getattr(services, action)(actor, reservation)
    elif expected == "refused":
        with pytest.raises(services.Refused):
            getattr(services, action)(actor, reservation)
        db.session.rollback()
        assert reservation.status == state and reservation.batch.pool.taken == taken
    else:
        getattr(services, action)(actor, reservation)
        db.session.commit()
        assert reservation.status == expected


def test_a_colleague_of_the_reserving_association_may_cancel_for_it(network):
    from market.accounts.models import Membership
    from tests.factories import make_user
    colleague = make_user("collegue@example.org", "Paul Collègue")
    db.session.add(Membership(user=colleague, organization=network["a_org"], role="member"))
    db.session.commit()
    reservation = _reservation_in("HELD", network)
    services.cancel(colleague, reservation)
    assert reservation.status == "RELEASED"


def test_handing_over_every_item_takes_the_batch_out_of_the_catalogue(network, browser):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=3)
    one = services.reserve(network["a"], batch, 2, network["a_org"])
    two = services.reserve(network["b"], batch, 1, network["b_org"])
    services.hand_over(network["giver"], one)
    assert batch.status == "open"
    services.hand_over(network["giver"], two, method="code")
    db.session.commit()
    assert batch.status == "given" and batch.title not in browser().text("/ressourcerie/")


def test_a_correction_is_a_new_entry_and_the_impact_follows(network, browser):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=5)
    entry = services.hand_over(network["giver"], services.reserve(network["a"], batch, 5, network["a_org"]))
    fix = services.correct(network["giver"], entry, -1, "Un portable ne démarrait pas, repris.")
    db.session.commit()
    assert (entry.quantity, fix.quantity, fix.corrects_id) == (5, -1, entry.id)
    assert '<dd id="impact-items">4</dd>' in browser().text("/ressourcerie/impact")
    with pytest.raises(services.Refused):
        services.correct(network["giver"], entry, -1, "  ")
    with pytest.raises(services.NotAllowed):
        services.correct(network["a"], entry, -1, "Pas à moi de corriger.")
