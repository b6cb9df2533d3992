"""`flask market ledger-check` fails when a stored balance drifts from its lines."""
import sqlalchemy as sa

from market.extensions import db
from market.ledger import rules, services
from market.ledger.models import LedgerAccount


def test_the_check_passes_then_fails_on_drift(runner):
    a, b = services.account_for("check", "a"), services.account_for("check", "b")
    services.post(None, "check", rules.transfer(a.id, b.id, 45))
    db.session.commit()
    result = runner.invoke(args=["market", "ledger-check"])
    assert result.exit_code == 0 and "cohérent" in result.output
    db.session.execute(sa.update(LedgerAccount).where(LedgerAccount.id == b.id).values(balance=50))
    db.session.commit()
    result = runner.invoke(args=["market", "ledger-check"])
    assert result.exit_code == 1
    assert "stored 50, lines 45" in result.output
