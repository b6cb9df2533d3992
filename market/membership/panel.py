"""The membership's panel of "Mon espace": each of my structures, where it stands and what it owes."""
from market.membership import queries


def panel_context(user) -> dict | None:
    organizations = [o for o in user.organizations if not o.is_suspended]
    if not organizations:
        return None
    today = queries.today()
    return {"standings": [(o, queries.standing(o, today)) for o in organizations]}
