"""Any sequence of movements and corrections keeps the ledger's lines summing to zero, each stored balance
equal to the sum of its lines and within its limits; a refused movement leaves no trace."""
import itertools

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market.extensions import db
from market.ledger import rules, services
from market.ledger.models import LedgerAccount, LedgerEntry, LedgerLine
from market.ledger.queries import balance_from_lines, drift

_books = itertools.count()
movement = st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(1, 300), st.booleans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.lists(movement, max_size=25), floor=st.sampled_from([None, 0, -60, -600]))
def test_any_sequence_of_movements_sums_to_zero(app, moves, floor):
    book = f"prop{next(_books)}"
    accounts = [services.account_for(book, f"h{i}", hard_floor=floor, hard_ceiling=600) for i in range(4)]
    db.session.commit()
    ids = [a.id for a in accounts]
    expected = dict.fromkeys(ids, 0)
    posted = []
    for source, target, amount, then_reverse in moves:
        if source == target:
            continue
        a, b = ids[source], ids[target]
        try:
            entry = services.post(None, book, rules.transfer(a, b, amount), memo="m")
            if then_reverse and posted:
                services.reverse(None, posted.pop(), "erreur")
            db.session.commit()
        except services.LimitReached:
            db.session.rollback()
            continue
        if then_reverse:
            expected = {k: balance_from_lines(k) for k in ids}
        else:
            expected[a] -= amount
            expected[b] += amount
        posted.append(entry)
    total = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(LedgerLine.amount), 0)).join(LedgerEntry)
                              .where(LedgerEntry.book == book))
    assert total == 0
    assert drift(book) == []
    for account_id in ids:
        stored = db.session.get(LedgerAccount, account_id)
        db.session.refresh(stored)
        assert stored.balance == balance_from_lines(account_id) == expected[account_id]
        assert rules.within(stored.balance, floor, 600)


def test_unbalanced_lines_are_refused_before_any_write():
    import pytest
    with pytest.raises(rules.Unbalanced):
        rules.check_balanced({1: 60, 2: -59})
    with pytest.raises(rules.Unbalanced):
        rules.check_balanced({1: 0, 2: 0})
    with pytest.raises(rules.Unbalanced):
        rules.transfer(1, 1, 60)
    with pytest.raises(rules.Unbalanced):
        rules.transfer(1, 2, -5)
    assert rules.reversal([(1, -60), (2, 60)]) == {1: 60, 2: -60}
