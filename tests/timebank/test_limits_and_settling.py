"""Hard limits refused at their boundaries, soft limits warned, the welcome credit, the 72-hour rule."""
from datetime import timedelta

import pytest

from market.extensions import db
from market.ledger import rules as ledger_rules
from market.ledger.queries import drift
from market.timebank import services
from market.timebank.accounts import account_of
from market.types import utcnow
from tests.timebank.conftest import agreed_exchange, balance, offer


def _recorded(people, minutes, post=None):
    exchange = agreed_exchange(people, post)
    services.act(people["juriste"], exchange, "record", minutes=minutes)
    db.session.commit()
    return exchange


@pytest.mark.parametrize("floor, minutes, credited", [(-60, 60, True), (-60, 61, False), (0, 1, False), (-600, 600, True)])
def test_the_receivers_floor_at_its_boundary(people, floor, minutes, credited):
    services.set_limits(people["coordinator"], account_of(people["theatre"]), floor, None, None, None)
    db.session.commit()
    exchange = _recorded(people, minutes)
    if credited:
        services.act(people["actor"], exchange, "confirm")
        db.session.commit()
        assert balance(people["theatre"]) == -minutes
    else:
        with pytest.raises(services.Refused, match="ne peut pas descendre plus bas"):
            services.act(people["actor"], exchange, "confirm")
        db.session.rollback()
        assert balance(people["theatre"]) == 0 and exchange.status == "recorded"
    assert drift() == []


@pytest.mark.parametrize("ceiling, minutes, credited", [(120, 120, True), (120, 121, False)])
def test_the_givers_ceiling_at_its_boundary(people, ceiling, minutes, credited):
    services.set_limits(people["coordinator"], account_of(people["groupement"]), None, ceiling, None, None)
    db.session.commit()
    exchange = _recorded(people, minutes)
    if credited:
        services.act(people["actor"], exchange, "confirm")
        db.session.commit()
        assert balance(people["groupement"]) == ceiling
    else:
        with pytest.raises(services.Refused, match="plafond"):
            services.act(people["actor"], exchange, "confirm")
        db.session.rollback()
        assert balance(people["groupement"]) == 0


def test_default_limits_come_from_the_settings(app, people):
    account = account_of(people["outsider"])
    assert (account.hard_floor, account.hard_ceiling) == (-20 * 60, 100 * 60)
    assert ledger_rules.soft_warning(-11 * 60, account.soft_floor, account.soft_ceiling) == "low"
    assert ledger_rules.soft_warning(-10 * 60, account.soft_floor, account.soft_ceiling) is None
    assert ledger_rules.soft_warning(51 * 60, account.soft_floor, account.soft_ceiling) == "high"


def test_a_coordinator_cannot_set_a_floor_the_balance_is_already_below(people):
    exchange = _recorded(people, 120)
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    with pytest.raises(services.Refused):
        services.set_limits(people["coordinator"], account_of(people["theatre"]), -60, None, None, None)
    db.session.rollback()
    with pytest.raises(services.NotAllowed):
        services.set_limits(people["actor"], account_of(people["theatre"]), -6000, None, None, None)


def test_a_welcome_credit_comes_from_the_network_account(app, people):
    app.config["TIMEBANK_WELCOME_MINUTES"] = 120
    try:
        account = account_of(people["outsider"])
        db.session.commit()
        assert balance(people["outsider"]) == 120
        assert drift() == []
    finally:
        app.config.pop("TIMEBANK_WELCOME_MINUTES")


def test_hours_not_contested_within_72_hours_are_credited(people):
    exchange = _recorded(people, 60)
    recorded = exchange.recorded_at
    assert services.settle_due(recorded + timedelta(hours=71, minutes=59)) == []
    with pytest.raises(services.Refused):
        services.settle(exchange, recorded + timedelta(hours=71, minutes=59))
    db.session.rollback()
    due = services.settle_due(recorded + timedelta(hours=72))
    assert [e.id for e in due] == [exchange.id]
    services.settle(exchange, recorded + timedelta(hours=72))
    db.session.commit()
    assert exchange.status == "credited" and exchange.entry.created_by_id is None
    assert balance(people["groupement"]) == 60 and balance(people["theatre"]) == -60


def test_the_settle_command_credits_what_is_due(people, runner):
    exchange = _recorded(people, 60)
    exchange.recorded_at = utcnow() - timedelta(hours=73)
    db.session.commit()
    result = runner.invoke(args=["market", "timebank-settle"])
    assert "1 coup(s) de pouce compté(s)" in result.output, result.output
    assert balance(people["theatre"]) == -60
    result = runner.invoke(args=["market", "ledger-check"])
    assert result.exit_code == 0, result.output
