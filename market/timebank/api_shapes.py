"""JSON shapes of the time bank's API: skills and the register, coups de pouce and their requests, workshops and
seats, one's own accounts and their movements."""
from flask import url_for

from market.api.serializers import iso_date, iso_datetime
from market.places import services as places
from market.timebank import skills


def skill(item) -> dict:
    return {"code": item.code, "label": item.label, "label_en": item.label_en or "", "description": item.description or ""}


def register_entry(entry) -> dict:
    d = entry.declaration
    return {"skill": entry.skill.code, "skill_label": skills.label_of(entry.skill), "name": entry.name,
            "holder_kind": entry.kind, "commune": entry.commune, "level": d.level, "remote": d.remote,
            "on_site": d.on_site, "minutes_per_month": d.minutes_per_month, "note": d.note or "",
            "url": url_for("directory.show", slug=entry.slug, _external=True) if entry.slug else None}


def _slots(pool) -> dict | None:
    return None if pool is None else {"capacity": pool.capacity, "free": places.free(pool)}


def post(item) -> dict:
    return {"id": item.id, "kind": item.kind, "skill": item.skill, "title": item.title,
            "description": item.description or "", "minutes": item.minutes, "status": item.status,
            "account": item.account.label, "slots": _slots(item.pool), "created_at": iso_datetime(item.created_at),
            "url": url_for("timebank.post", post_id=item.id, _external=True)}


def exchange(item) -> dict:
    hold = item.hold
    return {"id": item.id, "post_id": item.post_id, "status": item.status, "giver": item.giver_account.label,
            "receiver": item.receiver_account.label, "message": item.message or "",
            "scheduled_on": iso_date(item.scheduled_on), "minutes": item.minutes,
            "place_in_line": places.position(hold) if hold is not None else None,
            "offer_expires_at": iso_datetime(hold.expires_at) if hold is not None and hold.status == "offered" else None,
            "credited_at": iso_datetime(item.credited_at), "created_at": iso_datetime(item.created_at),
            "url": url_for("timebank.exchange", exchange_id=item.id, _external=True)}


def workshop(item) -> dict:
    return {"id": item.id, "skill": item.skill, "title": item.title, "description": item.description or "",
            "starts_at": iso_datetime(item.starts_at), "ends_at": iso_datetime(item.ends_at), "minutes": item.minutes,
            "place": item.place or "", "commune_code": item.commune_code, "video": bool(item.video_url),
            "capacity": item.pool.capacity, "free": places.free(item.pool), "notice_hours": item.notice_hours,
            "status": item.status, "cancel_reason": item.cancel_reason or "", "provider": item.account.label,
            "url": url_for("timebank.workshop", workshop_id=item.id, _external=True)}


def seat(item) -> dict:
    hold = item.hold
    return {"id": item.id, "workshop_id": item.workshop_id, "status": item.status, "place": hold.status,
            "place_in_line": places.position(hold), "account": item.account.label,
            "offer_expires_at": iso_datetime(hold.expires_at) if hold.status == "offered" else None,
            "video_url": item.workshop.video_url or None if hold.status == "held" else None,
            "minutes": item.minutes, "created_at": iso_datetime(item.created_at),
            "url": url_for("timebank.workshop", workshop_id=item.workshop_id, _external=True)}


def account(item, warning) -> dict:
    return {"id": item.id, "name": item.label, "holder_kind": "organization" if item.holder.startswith("org:")
            else "volunteer", "balance_minutes": item.balance, "hard_floor": item.hard_floor,
            "hard_ceiling": item.hard_ceiling, "soft_floor": item.soft_floor, "soft_ceiling": item.soft_ceiling,
            "warning": warning}


def movement(line, entry, after, others) -> dict:
    return {"entry_id": entry.id, "at": iso_datetime(entry.created_at), "kind": entry.kind, "memo": entry.memo or "",
            "minutes": line.amount, "balance_after": after, "with": [o.account.label for o in others],
            "reason": entry.reason or "", "reversed": entry.reversed_by is not None}
