"""The hours of an agreement (market/exchanges) on the time bank: credited when both sides say it was done, or
72 hours after one did unless the other contests; through the same ledger, refused by the same limits."""
from datetime import timedelta

import pytest

from market.exchanges import agreements, conversations
from market.extensions import db
from market.ledger.queries import drift
from market.timebank import agreement_credits, services
from market.timebank.accounts import account_of
from market.types import utcnow
from tests.factories import make_listing
from tests.timebank.conftest import balance


def _agreement(people, minutes=90):
    """The theatre needs its statutes read again; the groupement's juriste answers; both confirm 1 h 30."""
    need = make_listing(people["actor"], people["theatre"], kind="need", category="skill", skill_domain="legal",
                        title="Relire nos statuts", terms="free")
    conversation = conversations.start_conversation(people["juriste"], need, people["groupement"])
    conversations.post_message(people["juriste"], conversation, "Notre juriste peut vous aider.")
    agreement = agreements.propose(people["juriste"], conversation, "Relecture des statuts",
                                   (utcnow() + timedelta(days=3)).date(), minutes)
    agreements.confirm(people["actor"], agreement)
    db.session.commit()
    return agreement


def test_done_by_both_sides_moves_the_hours_to_the_giver(people, browser):
    agreement = _agreement(people)
    agreements.mark_done(people["juriste"], agreement)
    db.session.commit()
    credit = agreement_credits.credit_of(agreement)
    assert credit.status == "pending" and balance(people["groupement"]) == 0
    assert credit.giver_account_id == account_of(people["groupement"]).id  # who answers a need gives
    page = browser(people["actor"]).text(agreement.url)
    assert "Contester les heures" in page and "1 h 30 seront comptées" in page
    assert "Contester les heures" not in browser(people["juriste"]).text(agreement.url)
    agreements.mark_done(people["actor"], agreement)
    db.session.commit()
    assert credit.status == "credited" and credit.entry.source == f"exchanges.agreement:{agreement.id}"
    assert balance(people["groupement"]) == 90 and balance(people["theatre"]) == -90 and drift() == []
    assert "1 h 30 comptées" in browser(people["actor"]).text(agreement.url)
    assert "Relecture des statuts" in browser(people["actor"]).text("/coups-de-pouce/mon-compte")


def test_one_side_and_72_hours_without_contest(people, runner):
    agreement = _agreement(people)
    agreements.mark_done(people["actor"], agreement)
    db.session.commit()
    credit = agreement_credits.credit_of(agreement)
    assert agreement_credits.due(credit.first_done_at + timedelta(hours=71)) == []
    assert agreement_credits.due(credit.first_done_at + timedelta(hours=72)) == [credit]
    credit.first_done_at = utcnow() - timedelta(hours=73)
    db.session.commit()
    result = runner.invoke(args=["market", "timebank-settle"])
    assert "1 accord(s) compté(s)" in result.output, result.output
    assert balance(people["groupement"]) == 90 and credit.entry.created_by_id is None


def test_the_other_side_contests_within_72_hours_and_a_coordinator_decides(people, browser):
    agreement = _agreement(people)
    agreements.mark_done(people["juriste"], agreement)
    db.session.commit()
    theatre = browser(people["actor"])
    response = theatre.post(f"/coups-de-pouce/accords/{agreement.id}/contester", data={"tb-reason": ""},
                            follow_redirects=True)
    assert "Dites ce qui ne va pas" in response.get_data(as_text=True)
    theatre.post(f"/coups-de-pouce/accords/{agreement.id}/contester",
                 data={"tb-reason": "Relecture pas encore faite."})
    credit = agreement_credits.credit_of(agreement)
    db.session.refresh(credit)
    assert credit.status == "contested"
    assert agreement_credits.due(utcnow() + timedelta(days=10)) == []
    with pytest.raises(agreement_credits.NotAllowed):
        agreement_credits.decide(people["actor"], credit, True)
    db.session.rollback()
    coordinator = browser(people["coordinator"])
    assert "Relecture pas encore faite." in coordinator.text("/coups-de-pouce/coordination")
    coordinator.post(f"/coups-de-pouce/coordination/heures/accord/{credit.id}/abandonner")
    db.session.refresh(credit)
    assert credit.status == "cancelled" and balance(people["groupement"]) == 0


def test_a_hard_limit_holds_the_credit_back_without_undoing_the_agreement(people):
    services.set_limits(people["coordinator"], account_of(people["theatre"]), -60, None, None, None)
    db.session.commit()
    agreement = _agreement(people, minutes=90)
    agreements.mark_done(people["juriste"], agreement)
    agreements.mark_done(people["actor"], agreement)
    db.session.commit()
    credit = agreement_credits.credit_of(agreement)
    assert agreement.status == "done" and credit.status == "pending"
    assert "ne peut pas descendre plus bas" in credit.blocked_reason and balance(people["theatre"]) == 0
    services.set_limits(people["coordinator"], account_of(people["theatre"]), -600, None, None, None)
    db.session.commit()
    assert agreement_credits.settle(credit) is True
    db.session.commit()
    assert balance(people["theatre"]) == -90 and drift() == []


def test_an_agreement_cancelled_after_one_side_said_done_counts_nothing(people):
    agreement = _agreement(people)
    agreements.mark_done(people["juriste"], agreement)
    agreements.cancel(people["actor"], agreement, "Finalement annulé")
    db.session.commit()
    credit = agreement_credits.credit_of(agreement)
    assert agreement_credits.due() == [credit]
    assert agreement_credits.settle(credit) is None
    db.session.commit()
    assert credit.status == "cancelled" and balance(people["groupement"]) == 0
