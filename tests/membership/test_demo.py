"""The demo network's memberships: the schedule of the year to renew, three structures paid up for it, a fourth
paid up last year and due for its renewal reminder."""
from market.membership import queries, rules
from market.membership.notices import send_reminders


def test_the_demo_has_a_schedule_three_paid_up_and_one_to_remind(runner):
    result = runner.invoke(args=["market", "seed-demo"])
    assert result.exit_code == 0, result.output
    today = queries.today()
    year = rules.renewal_year(today)
    assert queries.rates(year)[("association", "none")] == 3500 and queries.rates(year - 1)
    roster = {v.organization.name: v for v in queries.roster(year, today)}
    paid_up = sorted(name for name, v in roster.items() if v.paid_up)
    assert paid_up == ["Ciné-Grillon", "Les Potagers de la Grenouillère", "Mutuelle Entraide des Sources"]
    assert queries.due_for_reminder(year) == [roster["Galerie Pivoine et Graphite"].organization.id]
    assert send_reminders(today) == (1 if rules.in_reminder_season(year, today) else 0)
