"""The membership's panel of "Mon espace": each of my structures, where it stands and what it owes; for the
coordination, the year's count by status and the way to its pages."""
from collections import Counter

from market.membership import queries, rules


def panel_context(user) -> dict | None:
    organizations = [o for o in user.organizations if not o.is_suspended]
    coordination = user.is_coordinator and user.status == "active"
    if not organizations and not coordination:
        return None
    today = queries.today()
    context = {"standings": [(o, queries.standing(o, today)) for o in organizations], "coordination": None}
    if coordination:
        year = rules.renewal_year(today)
        context["coordination"] = {"year": year, "counts": Counter(v.status for v in queries.roster(year, today)),
                                   "has_schedule": bool(queries.rates(year))}
    return context
