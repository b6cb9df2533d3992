"""The "Mon espace" panel: my organisations' commitments and the group purchases I organise."""
from market.purchasing import permissions, queries, rules
from market.purchasing.quotes import queries as quote_queries, services as quote_services


def panel_context(user) -> dict | None:
    """Shown to whoever may take part (the link to the open groups), with their commitments and groups."""
    if not getattr(user, "is_authenticated", False):
        return None
    commitments = queries.my_commitments(user)
    organised = queries.organised_by(user)
    interests = [(i, quote_services.phase(i.interest_list)) for i in quote_queries.my_interests(user)]
    interests = [(i, phase) for i, phase in interests if phase in quote_queries.CURRENT]
    organised_quotes = quote_queries.organised_by(user)
    if not (commitments or organised or interests or organised_quotes or permissions.can_open(user)):
        return None
    rows = []
    for c in commitments:
        group = c.group
        price = (c.unit_price_cents if group.status == "confirmed"
                 else rules.tier_for(group.tiers, group.committed_total).unit_price_cents)
        rows.append({"commitment": c, "group": group, "price": price})
    return {"commitments": rows, "organised": organised, "interests": interests, "organised_quotes": organised_quotes,
            "open_count": len(queries.groups("open"))}
