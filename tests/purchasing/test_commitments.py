"""Committing, changing, withdrawing: the total is the sum, the price falls at the tier, the stock is never exceeded."""
import pytest
import sqlalchemy as sa

from market.extensions import db
from market.notifications.models import Notification
from market.purchasing import services
from market.purchasing.models import Commitment, PurchaseGroup
from market.purchasing.services import NotAllowed, PurchaseRefused
from tests.purchasing.conftest import commit, open_paper


def _total(group) -> int:
    db.session.expire_all()
    stored = db.session.get(PurchaseGroup, group.id).committed_total
    assert stored == sum(c.quantity for c in db.session.scalars(sa.select(Commitment)))
    return stored


def test_commit_change_and_withdraw_keep_the_total_equal_to_the_sum(network, paper):
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    commit(a, paper, org_a, 40)
    commit(b, paper, org_b, 35)
    assert _total(paper) == 75
    commit(a, paper, org_a, 10)
    assert _total(paper) == 45
    assert commit(b, paper, org_b, 0) is None  # withdrawn
    assert _total(paper) == 10
    assert db.session.scalar(sa.select(sa.func.count(Commitment.id))) == 1


def test_the_second_tier_at_100_tells_every_participant_once(network, paper):
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people, orgs, (40, 35, 24)):
        commit(user, paper, org, qty)
    assert not db.session.scalars(sa.select(Notification).where(Notification.kind == "purchase_tier")).all()
    commit(people[3], paper, orgs[3], 1)
    notices = db.session.scalars(sa.select(Notification).where(Notification.kind == "purchase_tier")).all()
    told = {n.user_id for n in notices}
    # the three earlier participants, the colleague of the first one and the coordinator; not the actor
    assert told == {people[0].id, people[1].id, people[2].id, network["colleague"].id, network["coordinator"].id}
    assert "3,80" in notices[0].title
    commit(people[3], paper, orgs[3], 0)
    commit(people[3], paper, orgs[3], 1)  # back above 100: nobody is told twice
    assert len(db.session.scalars(sa.select(Notification).where(Notification.kind == "purchase_tier")).all()) == 5


def test_commitments_beyond_the_stock_are_refused(network):
    group = open_paper(network["coordinator"], max_quantity=60)
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    commit(a, group, org_a, 40)
    with pytest.raises(PurchaseRefused) as refused:
        services.commit(b, group, org_b, 25)
    assert "20 unités" in refused.value.reasons[0]
    db.session.rollback()
    commit(b, group, org_b, 20)
    commit(a, group, org_a, 35)  # lowering frees room
    assert _total(group) == 55


def test_the_database_refuses_a_total_beyond_the_stock():
    """The CHECK constraint, whatever the application does."""
    from tests.factories import make_coordinator
    group = open_paper(make_coordinator(), max_quantity=10, min_total=5)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(PurchaseGroup).where(PurchaseGroup.id == group.id).values(committed_total=11))
        db.session.flush()
    db.session.rollback()


def test_only_members_of_a_verified_organisation_commit_for_it(network, paper):
    a, b = network["people"][:2]
    org_a = network["orgs"][0]
    with pytest.raises(NotAllowed):
        services.commit(b, paper, org_a, 3)
    from tests.factories import make_org
    pending = make_org(a, name="Association en attente", status="pending")
    with pytest.raises(NotAllowed):
        services.commit(a, paper, pending, 3)


def test_nobody_commits_after_the_deadline(network, paper):
    a, org_a = network["people"][0], network["orgs"][0]
    commit(a, paper, org_a, 5)
    from tests.purchasing.test_closing import pass_deadline
    pass_deadline(paper)
    with pytest.raises(PurchaseRefused) as refused:
        services.commit(a, paper, org_a, 8)
    assert "clos" in refused.value.reasons[0]
    db.session.rollback()
    assert _total(paper) == 5


def test_open_group_refuses_bad_tiers_and_a_stock_below_the_minimum(network):
    coordinator = network["coordinator"]
    with pytest.raises(PurchaseRefused) as refused:
        open_paper(coordinator, tiers=[(1, 400), (100, 450)], max_quantity=10, min_total=50)
    reasons = " ".join(refused.value.reasons)
    assert "baisser" in reasons and "stock" in reasons
    db.session.rollback()
    with pytest.raises(NotAllowed):
        open_paper(network["outsider"])  # no organisation, not a coordinator


def test_a_quantity_beyond_ten_million_euros_is_refused_before_any_amount_overflows(network):
    group = open_paper(network["coordinator"], tiers=[(1, 10_000_000)])  # 100 000 € a unit
    a, org_a = network["people"][0], network["orgs"][0]
    with pytest.raises(PurchaseRefused) as refused:
        services.commit(a, group, org_a, 101)
    assert "10 millions" in refused.value.by_field[0][1]
    db.session.rollback()
    commit(a, group, org_a, 99)
    assert _total(group) == 99
