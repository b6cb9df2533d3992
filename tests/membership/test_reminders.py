"""Renewal reminders: in the season, once per structure and year, to its administrators; never twice."""
from datetime import date, datetime, timezone

import sqlalchemy as sa

from market.extensions import db
from market.membership import notices, queries
from market.notifications.models import Notification, OutgoingEmail
from tests.membership.conftest import pay, set_fees

DECEMBER = date(2026, 12, 5)
NOW = datetime(2026, 12, 5, 8, tzinfo=timezone.utc)


def _paid_up_last_year(network, *keys):
    c = network["coordinator"]
    set_fees(c, 2026)
    sizes = {"cinema": ("none", 3000), "scop": ("small", 10000), "interco": ("none", 15000)}
    for key in keys:
        size, cents = sizes[key]
        pay(c, network[key], 2026, cents, size, paid_on=date(2026, 3, 1))


def _notices(kind="membership_reminder"):
    return db.session.scalars(sa.select(Notification).where(Notification.kind == kind)).all()


def test_a_structure_paid_up_last_year_gets_one_reminder_even_if_the_command_runs_twice(network):
    _paid_up_last_year(network, "cinema", "scop", "interco")
    c = network["coordinator"]
    set_fees(c, 2027)
    for key, size, cents in (("scop", "small", 10000), ("interco", "none", 15000)):
        pay(c, network[key], 2027, cents, size, paid_on=date(2026, 12, 1))  # these two renewed already
    assert notices.send_reminders(DECEMBER, NOW) == 1
    db.session.commit()
    assert notices.send_reminders(DECEMBER, NOW) == 0  # the second run finds nothing to do
    db.session.commit()
    sent = _notices()
    assert [(n.user_id, n.title) for n in sent] == [(network["alice"].id, "Renouvelez l'adhésion 2027 de Ciné-Grillon")]
    assert "La cotisation 2027 de Ciné-Grillon est de 30,00" in sent[0].body and "31 mars 2027" in sent[0].body
    assert sent[0].url.endswith("/structures/cine-grillon/adhesion")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingEmail)) == 1  # and one e-mail
    view = queries.year_view(network["cinema"], 2027, DECEMBER)
    assert view.status == "pending" and view.reminded_at is not None
    assert network["colleague"].id not in {n.user_id for n in sent}  # the administrators, not every member


def test_no_reminder_before_the_season_nor_without_next_years_schedule(network):
    _paid_up_last_year(network, "cinema")
    assert notices.send_reminders(DECEMBER, NOW) == 0  # no 2027 schedule yet: the amount is unknown
    set_fees(network["coordinator"], 2027)
    assert notices.send_reminders(date(2026, 11, 20), NOW) == 0  # the season opens on 1 December
    assert notices.send_reminders(date(2027, 2, 1), NOW) == 1  # in the grace period, still reminded
    assert _notices()


def test_structures_that_were_not_members_last_year_are_not_reminded(network):
    set_fees(network["coordinator"], 2026)
    set_fees(network["coordinator"], 2027)
    assert notices.send_reminders(DECEMBER, NOW) == 0


def test_the_cron_command_is_idempotent(network, runner):
    """On the real clock: in the season, the first run reminds the structure and the second sends nothing."""
    from market.membership import rules
    today = queries.today()
    year = rules.renewal_year(today)
    c = network["coordinator"]
    set_fees(c, year - 1)
    set_fees(c, year)
    pay(c, network["cinema"], year - 1, 3000, "none", paid_on=min(date(year - 1, 3, 1), today))
    first = runner.invoke(args=["market", "send-membership-reminders"])
    second = runner.invoke(args=["market", "send-membership-reminders"])
    expected = 1 if rules.in_reminder_season(year, today) else 0
    assert first.exit_code == 0 and f"Rappels de renouvellement envoyés : {expected}." in first.output
    assert "Rappels de renouvellement envoyés : 0." in second.output
    db.session.rollback()
    assert len(_notices()) == expected
