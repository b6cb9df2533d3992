"""The deadline: confirmed at the tier reached with frozen amounts, the command run twice, extend once, cancel."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.notifications.models import Notification
from market.purchasing import closing, services
from market.purchasing.models import Adjustment, Commitment, PurchaseGroup
from market.purchasing.services import NotAllowed, PurchaseRefused
from market.types import utcnow
from tests.purchasing.conftest import commit, open_paper


def pass_deadline(group):
    db.session.execute(sa.update(PurchaseGroup).where(PurchaseGroup.id == group.id)
                       .values(closes_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    db.session.expire_all()


def _done_means(network, paper):
    for user, org, qty in zip(network["people"], network["orgs"], (40, 35, 24, 1)):
        commit(user, paper, org, qty)
    pass_deadline(paper)


def _notices(kind):
    return db.session.scalars(sa.select(Notification).where(Notification.kind == kind)).all()


def test_the_deadline_command_twice_gives_one_outcome_and_one_notice_each(network, paper, runner):
    _done_means(network, paper)
    first = runner.invoke(args=["market", "close-purchases"])
    assert first.exit_code == 0, first.output
    assert "1 confirmé" in first.output
    second = runner.invoke(args=["market", "close-purchases"])
    assert "0 confirmé" in second.output
    db.session.expire_all()
    group = db.session.get(PurchaseGroup, paper.id)
    assert group.status == "confirmed" and group.final_unit_price_cents == 380
    amounts = {c.organization.name: c.final_cents for c in group.commitments}
    assert amounts == {"Ciné-Grillon": 40 * 380 + 1600, "Foyers du Sichon": 35 * 380 + 1400,
                       "Comité Handisport": 24 * 380 + 960, "AMAP La Cagette": 380 + 40}
    assert sum(amounts.values()) == 100 * 380 + 4000
    confirmed = _notices("purchase_confirmed")
    users = [n.user_id for n in confirmed]
    assert len(users) == len(set(users)) == 6  # four admins, one colleague, the coordinator
    first_admin = next(n for n in confirmed if n.user_id == network["people"][0].id)
    assert "168,00" in first_admin.body.replace("\u202f", " ").replace("\xa0", " ")


def test_amounts_are_frozen_after_closing_and_a_correction_is_a_new_line(network, paper):
    _done_means(network, paper)
    closing.close_due()
    db.session.commit()
    a, org_a = network["people"][0], network["orgs"][0]
    with pytest.raises(PurchaseRefused):
        services.commit(a, paper, org_a, 80)
    db.session.rollback()
    coordinator = network["coordinator"]
    with pytest.raises(NotAllowed):
        closing.adjust(a, paper, org_a, -380, "Une ramette abîmée")
    closing.adjust(coordinator, paper, org_a, -380, "Une ramette abîmée à la livraison")
    db.session.commit()
    row = db.session.scalar(sa.select(Commitment).where(Commitment.organization_id == org_a.id))
    assert row.final_cents == 40 * 380 + 1600  # unchanged
    line = db.session.scalar(sa.select(Adjustment))
    assert (line.amount_cents, line.made_by_id) == (-380, coordinator.id)


def test_below_the_minimum_the_organiser_extends_once_then_it_is_cancelled(network):
    group = open_paper(network["coordinator"], min_total=200)
    a, org_a = network["people"][0], network["orgs"][0]
    commit(a, group, org_a, 40)
    pass_deadline(group)
    assert closing.close_due() == {"confirmed": 0, "short": 1, "cancelled": 0}
    db.session.commit()
    assert network["coordinator"].id in [n.user_id for n in _notices("purchase_short")]
    with pytest.raises(NotAllowed):
        closing.extend(a, group, utcnow() + timedelta(days=7))
    closing.extend(network["coordinator"], group, utcnow() + timedelta(days=7))
    db.session.commit()
    assert {n.user_id for n in _notices("purchase_extended")} == {a.id, network["colleague"].id}
    commit(a, group, org_a, 0)  # told, they may withdraw
    pass_deadline(group)
    assert closing.close_due()["cancelled"] == 1
    db.session.commit()
    with pytest.raises(PurchaseRefused):
        closing.extend(network["coordinator"], group, utcnow() + timedelta(days=7))


def test_the_organiser_closes_early_only_once_the_minimum_is_reached(network, paper):
    a, org_a = network["people"][0], network["orgs"][0]
    commit(a, paper, org_a, 10)
    with pytest.raises(PurchaseRefused):
        closing.close_now(network["coordinator"], paper)
    commit(a, paper, org_a, 60)
    with pytest.raises(NotAllowed):
        closing.close_now(a, paper)
    assert closing.close_now(network["coordinator"], paper) == "confirmed"


def test_cancel_tells_everyone(network, paper):
    a, org_a = network["people"][0], network["orgs"][0]
    commit(a, paper, org_a, 10)
    closing.cancel(network["coordinator"], paper)
    db.session.commit()
    assert {n.user_id for n in _notices("purchase_cancelled")} == {a.id, network["colleague"].id}
    assert db.session.get(PurchaseGroup, paper.id).status == "cancelled"


def test_the_observatory_counts_the_saving_of_the_whole_group(network, paper):
    from market import figures
    _done_means(network, paper)
    closing.close_due()
    db.session.commit()
    start, end = utcnow() - timedelta(days=1), utcnow() + timedelta(days=1)
    rows = lambda key: list(figures.get(key).rows(start, end))  # noqa: E731
    assert [r.amount for r in rows("purchasing.confirmed")] == [1]
    assert [r.amount for r in rows("purchasing.units")] == [100]
    assert [r.amount for r in rows("purchasing.saving")] == [100 * 40]  # 0,40 € a ream below the first tier


def test_without_a_decision_within_a_week_the_deadline_command_cancels_and_tells_everyone(network, runner):
    group = open_paper(network["coordinator"], min_total=200)
    a, org_a = network["people"][0], network["orgs"][0]
    commit(a, group, org_a, 40)
    pass_deadline(group)
    assert closing.close_due() == {"confirmed": 0, "short": 1, "cancelled": 0}
    db.session.commit()
    short = {n.user_id: n for n in _notices("purchase_short")}
    assert set(short) == {network["coordinator"].id, a.id, network["colleague"].id}  # participants know too
    assert "prolonger" in short[a.id].body
    assert closing.close_due(utcnow() + timedelta(days=6)) == {"confirmed": 0, "short": 0, "cancelled": 0}
    later = utcnow() + timedelta(days=8)
    assert closing.close_due(later)["cancelled"] == 1
    assert closing.close_due(later)["cancelled"] == 0  # twice: one outcome
    db.session.commit()
    assert db.session.get(PurchaseGroup, group.id).status == "cancelled"
    cancelled = [n.user_id for n in _notices("purchase_cancelled")]
    assert sorted(cancelled) == sorted({network["coordinator"].id, a.id, network["colleague"].id})
    with pytest.raises(PurchaseRefused):
        closing.extend(network["coordinator"], group, utcnow() + timedelta(days=7))
