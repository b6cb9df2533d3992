"""JSON shapes of group purchases and purchases on quotation for the API: what the pages show, to whom they show it."""
from flask import url_for

from market.api.serializers import iso_datetime
from market.purchasing import permissions, queries, rules
from market.purchasing.quotes import queries as quote_queries, services as quote_services


def organization(org) -> dict:
    return {"slug": org.slug, "name": org.name}


def _organizer(item) -> dict:
    return {"name": item.organizer_name,
            "organization": organization(item.organizer_org) if item.organizer_org is not None else None}


def figures(group) -> dict:
    """The live figures: total, tier reached, unit price now, units to the next tier, the group's saving."""
    f = queries.figures(group)
    upcoming = f["next"] if group.status == "open" else None
    return {"total": f["total"], "tier_number": f["tier_number"], "tier_min_quantity": f["tier"].min_quantity,
            "unit_price_cents": f["tier"].unit_price_cents,
            "next_tier": {"min_quantity": upcoming[0].min_quantity, "unit_price_cents": upcoming[0].unit_price_cents,
                          "units_missing": upcoming[1]} if upcoming else None,
            "minimum_reached": f["reached_minimum"], "stock_left": f["left"],
            "supplier_total_cents": f["supplier_total"], "saving_cents": f["saving"]}


def purchase_summary(group) -> dict:
    f = queries.figures(group)
    return {"id": group.id, "title": group.title, "unit": group.unit, "status": group.status,
            "organizer": _organizer(group), "closes_at": iso_datetime(group.closes_at),
            "last_day": group.last_day.isoformat(), "total": f["total"],
            "unit_price_cents": f["tier"].unit_price_cents,
            "url": url_for("purchasing.show", group_id=group.id, _external=True)}


def purchase(group, user) -> dict:
    reached = rules.tier_for(group.tiers, group.committed_total)
    mine = {o.id for o in user.organizations}
    lines = {line["commitment"].id: line for line in queries.lines(group)}
    return {**purchase_summary(group), "description": group.description, "supplier_name": group.supplier_name,
            "supplier_contact": group.supplier_contact, "min_total": group.min_total,
            "max_quantity": group.max_quantity, "fixed_costs_cents": group.fixed_costs_cents,
            "fixed_costs_label": group.fixed_costs_label, "split_rule": group.split_rule,
            "delivery_plan": group.delivery_plan, "extended": group.extended,
            "closed_at": iso_datetime(group.closed_at),
            "tiers": [{"min_quantity": t.min_quantity, "unit_price_cents": t.unit_price_cents,
                       "reached": t.min_quantity == reached.min_quantity} for t in rules.sorted_tiers(group.tiers)],
            "figures": figures(group), "can_manage": permissions.can_manage(user, group),
            "my_commitments": [commitment(c, lines[c.id]) for c in group.commitments if c.organization_id in mine]}


def commitment(row, line: dict | None = None) -> dict:
    """One organisation's commitment: its estimate at today's tier, or its frozen amount once confirmed."""
    group = row.group
    if line is None:
        line = next(x for x in queries.lines(group) if x["commitment"].id == row.id)
    first = rules.sorted_tiers(group.tiers)[0].unit_price_cents
    return {"id": row.id, "purchase_id": group.id, "organization": organization(row.organization),
            "quantity": row.quantity, "updated_at": iso_datetime(row.updated_at),
            "frozen": group.status == "confirmed", **amount_fields(line),
            "saving_cents": row.quantity * (first - line["unit_price_cents"]),
            "url": url_for("api.purchase_commitment", commitment_id=row.id, _external=True)}


def amount_fields(line: dict) -> dict:
    return {"unit_price_cents": line["unit_price_cents"], "goods_cents": line["goods_cents"],
            "fixed_share_cents": line["fixed_share_cents"], "adjustments_cents": line["adjustments_cents"],
            "amount_cents": line["total_cents"] + line["adjustments_cents"]}


def amounts(group, user) -> dict:
    """Once confirmed: each member's amount, to the cent; the organiser sees every line, a member its own."""
    lines = [line for line in queries.lines(group)
             if permissions.can_see_amounts(user, group, line["organization"])]
    return {"purchase_id": group.id, "unit_price_cents": group.final_unit_price_cents,
            "supplier_total_cents": rules.supplier_total(group.tiers, group.fixed_costs_cents, group.committed_total),
            "items": [{"organization": organization(line["organization"]), "quantity": line["quantity"],
                       **amount_fields(line)} for line in lines]}


def interest_list_summary(item) -> dict:
    return {"id": item.id, "title": item.title, "phase": quote_services.phase(item), "organizer": _organizer(item),
            "closes_at": iso_datetime(item.closes_at), "last_day": item.last_day.isoformat(),
            "offer_valid_until": iso_datetime(item.offer_valid_until),
            "url": url_for("purchasing.quote", list_id=item.id, _external=True)}


def interest_list(item, user) -> dict:
    manager = permissions.can_manage(user, item)
    mine = {o.id for o in user.organizations}
    visible = [i for i in quote_queries.ordered_interests(item) if manager or i.organization_id in mine]
    offer = None
    if item.offer_published_at is not None:
        offer = {"supplier": item.offer_supplier, "text": item.offer_text, "terms": item.offer_terms,
                 "valid_until": iso_datetime(item.offer_valid_until),
                 "published_at": iso_datetime(item.offer_published_at)}
    return {**interest_list_summary(item), "description": item.description, "asks": item.asked, "offer": offer,
            "interested_count": len(item.interests),
            "accepted_count": sum(1 for i in item.interests if i.answer == "accepted"),
            "can_manage": manager, "interests": [interest(i) for i in visible]}


def interest(row) -> dict:
    return {"id": row.id, "list_id": row.list_id, "organization": organization(row.organization),
            "employees": row.employees, "vehicles": row.vehicles, "premises_m2": row.premises_m2, "note": row.note,
            "updated_at": iso_datetime(row.updated_at), "answer": row.answer,
            "answered_at": iso_datetime(row.answered_at),
            "url": url_for("api.purchase_interest", interest_id=row.id, _external=True)}
