"""The observatory counts the coups de pouce credited and their hours, in the giver's commune, by skill and month."""
from datetime import date, datetime, timezone

from market import figures
from market.extensions import db
from market.observatory import queries
from market.observatory.rules import Period
from tests.factories import CUSSET
from tests.timebank.test_corrections import _credited


def test_credited_coups_de_pouce_and_their_hours(people):
    first, second = _credited(people, minutes=90), _credited(people, minutes=30)
    first.credited_at = datetime(2026, 3, 2, tzinfo=timezone.utc)
    second.credited_at = datetime(2026, 5, 2, tzinfo=timezone.utc)
    db.session.commit()
    year = Period(date(2026, 1, 1), date(2026, 12, 31))
    hours = queries.figure_report(figures.get("timebank.hours"), year).totals
    assert hours.total == 120 and dict(hours.by_commune) == {CUSSET: 120}
    assert [v for m, v in hours.by_month if v] == [90, 30]
    assert dict(hours.by_category) == {"Juridique": 120}  # by skill
    assert queries.figure_report(figures.get("timebank.exchanges"), year).totals.total == 2
