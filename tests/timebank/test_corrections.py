"""A coordinator corrects with a reversing entry that says who and why; history is never edited."""
import pytest
import sqlalchemy as sa

from market.extensions import db
from market.ledger.models import HistoryIsFinal, LedgerAccount, LedgerEntry, LedgerLine
from market.timebank import services
from tests.timebank.conftest import agreed_exchange, balance


def _credited(people, minutes=60):
    exchange = agreed_exchange(people)
    services.act(people["juriste"], exchange, "record", minutes=minutes)
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    return exchange


def test_a_correction_reverses_and_keeps_the_original(people, browser):
    exchange = _credited(people)
    original = exchange.entry
    correction = services.correct(people["coordinator"], original, "Rendez-vous annulé, saisi par erreur.")
    db.session.commit()
    assert balance(people["groupement"]) == 0 and balance(people["theatre"]) == 0
    assert correction.reverses_id == original.id and correction.created_by_id == people["coordinator"].id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerLine)) == 4
    page = browser(people["actor"]).text("/coups-de-pouce/mon-compte")
    assert "Correction" in page and "Camille Coordination" in page and "Rendez-vous annulé, saisi par erreur." in page
    with pytest.raises(services.Refused, match="déjà été corrigée"):
        services.correct(people["coordinator"], original, "encore")
    db.session.rollback()


def test_only_a_coordinator_corrects_and_always_with_a_reason(people):
    entry = _credited(people).entry
    with pytest.raises(services.NotAllowed):
        services.correct(people["juriste"], entry, "je préfère")
    with pytest.raises(services.Refused):
        services.correct(people["coordinator"], entry, "  ")
    db.session.rollback()


def test_a_correction_that_would_break_a_limit_is_refused(people):
    entry = _credited(people, 120).entry
    # the groupement (which earned 2 h) spends 1 h, then its floor is set at 0: reversing the 2 h would go below
    giver = db.session.get(LedgerAccount, exchange_giver(entry))
    offer = services.create_post(people["actor"], people["theatre"], "offer", "it", "Dépannage", "", 60)
    taken = services.respond(people["juriste"], offer, people["groupement"], "oui")
    services.act(people["actor"], taken, "accept")
    services.act(people["actor"], taken, "record", minutes=60)
    services.act(people["juriste"], taken, "confirm")
    db.session.commit()
    assert balance(people["groupement"]) == 60
    services.set_limits(people["coordinator"], giver, 0, None, None, None)
    db.session.commit()
    with pytest.raises(services.Refused, match="limites"):
        services.correct(people["coordinator"], entry, "erreur de saisie")
    db.session.rollback()


def exchange_giver(entry) -> int:
    return next(line.account_id for line in entry.lines if line.amount > 0)


def test_the_orm_refuses_to_edit_or_delete_history(people):
    entry = _credited(people).entry
    entry.memo = "autre chose"
    with pytest.raises(HistoryIsFinal):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(LedgerLine, entry.lines[0].id))
    with pytest.raises(HistoryIsFinal):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(LedgerEntry, entry.id).memo == "Relecture de vos statuts"
