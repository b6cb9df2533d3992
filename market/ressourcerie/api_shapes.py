"""JSON shapes of the ressourcerie for the API: batches, reservations (the code for its holder only), handovers, impact."""
from flask import url_for

from market.api.serializers import iso_date, iso_datetime
from market.ressourcerie import queries, rules
from market.ressourcerie.labels import rlabel


def _organization(org) -> dict | None:
    if org is None:
        return None
    return {"name": org.name, "slug": org.slug, "url": url_for("directory.show", slug=org.slug, _external=True)}


def batch(item, handed: int, requests: tuple[int, int], collecting: bool) -> dict:
    """A batch as its page shows it to anyone (no reservation, no code)."""
    return {
        "id": item.id, "title": item.title, "description": item.description or "",
        "category": item.category, "category_label": rlabel("category", item.category),
        "condition": item.condition, "condition_label": rlabel("condition", item.condition),
        "quantity": item.quantity, "available": queries.available(item), "handed_over": handed,
        "unit_weight_g": item.unit_weight_g, "weighed": item.weighed,
        "commune": item.commune_name, "commune_code": item.commune_code, "address": item.address or "",
        "pickup_windows": item.pickup_windows or "", "hold_days": (item.pool.hold_minutes or 0) // 1440,
        "give_before": iso_date(item.give_before), "max_per_member": item.max_per_member,
        "rule": item.rule, "requests_until": iso_date(item.requests_until),
        "requests_open": item.status == "open" and (not item.chooses or collecting),
        "requests_waiting": requests[0] if item.chooses else None,
        "status": item.status, "giver": item.giver_name, "organization": _organization(item.organization),
        "photos": [{"url": url_for("uploads.serve", key=p.upload.key, _external=True),
                    "thumb_url": url_for("uploads.serve", key=p.upload.thumb_key, _external=True)}
                   for p in item.photos],
        "created_at": iso_datetime(item.created_at),
        "url": url_for("ressourcerie.batch", batch_id=item.id, _external=True),
    }


def reservation(item, role: str, position: int | None, no_shows: int | None = None) -> dict:
    """`role` "holder" sees the pickup code; "donor" sees how often the person did not come."""
    hold = item.hold
    return {
        "id": item.id, "batch_id": item.batch_id, "batch_title": item.batch.title, "side": role,
        "status": hold.status, "quantity": hold.quantity, "position": position,
        "expires_at": iso_datetime(hold.expires_at) if hold.status in ("held", "offered") else None,
        "code": item.code if role == "holder" and hold.status == "held" else None,
        "receiver": item.receiver_name, "organization": _organization(item.organization),
        "no_shows": no_shows if role == "donor" else None,
        "created_at": iso_datetime(item.created_at),
        "url": url_for("ressourcerie.batch", batch_id=item.batch_id, _external=True),
    }


def handover(entry) -> dict:
    return {"id": entry.id, "batch_id": entry.batch_id, "reservation_id": entry.reservation_id,
            "corrects_id": entry.corrects_id, "quantity": entry.quantity, "weight_g": entry.weight_g,
            "category": entry.category, "giver": entry.giver_name, "receiver": entry.receiver_name,
            "method": entry.method, "note": entry.note or "", "created_at": iso_datetime(entry.created_at)}


def _totals(totals, key=None, label=None) -> dict:
    out = {"items": totals.items, "weight_g": totals.weight_g, "co2e_g": totals.co2e_g}
    return out if key is None else {"key": key, "label": label or key, **out}


def impact(sums) -> dict:
    return {
        "total": _totals(sums["total"]),
        **{f"by_{axis}": [_totals(t, key, rlabel("category", key) if axis == "category" else key)
                          for key, t in sums[axis].items()] for axis in ("category", "month", "giver", "receiver")},
        "factors": [{"category": code, "label": rlabel("category", code), "kg_co2e_per_kg": tenths / 10,
                     "source": source} for code, (tenths, source) in rules.CO2E_FACTORS.items()],
        "estimation": True,
        "csv_url": url_for("ressourcerie.impact_csv", _external=True),
    }
