"""Public JSON shapes of listings and organisations: explicit fields, never private data."""
from datetime import date, datetime, timezone

from flask import url_for

from market.labels import label


def _url(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)


def iso_datetime(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, to the second."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def listing_url(listing) -> str:
    return _url("listings.show", listing_id=listing.id)


def organization_url(organization) -> str:
    return _url("directory.show", slug=organization.slug)


def listing(item) -> dict:
    """A public listing, with the fields of every category (null where they do not apply)."""
    org = item.organization
    return {
        "id": item.id, "kind": item.kind, "category": item.category,
        "title": item.title, "description": item.description,
        "commune": item.commune_name, "commune_code": item.commune_code,
        "terms": item.terms, "price_cents": item.price_cents, "urgent": bool(item.urgent),
        "quantity": item.quantity, "tags": item.tag_list,
        "available_from": iso_date(item.available_from), "available_until": iso_date(item.available_until),
        "created_at": iso_datetime(item.created_at), "published_at": iso_datetime(item.published_at),
        "expires_at": iso_datetime(item.expires_at),
        "organization": ({"name": org.name, "slug": org.slug, "url": organization_url(org)} if org else None),
        # The person behind an organisation's listing stays private; a volunteer shows a display name.
        "author": None if org else {"display_name": item.author.display_name},
        "url": listing_url(item),
        "condition": item.condition, "deposit_cents": item.deposit_cents,
        "capacity": item.capacity, "surface_m2": item.surface_m2, "step_free": item.step_free,
        "amenities": item.amenity_list,
        "skill_domain": item.skill_domain, "remote": item.remote,
        "people_needed": item.people_needed, "schedule": item.schedule or "",
    }


def listing_summary(item) -> dict:
    return {"id": item.id, "title": item.title, "category": item.category, "url": listing_url(item)}


def organization(org, listings_count: int) -> dict:
    """A listed organisation; its contact e-mail and phone are public by choice of the organisation."""
    commune = org.commune
    return {
        "slug": org.slug, "name": org.name,
        "legal_form": org.legal_form, "legal_form_label": label("legal_form", org.legal_form),
        "sectors": org.sector_list,
        "commune": commune.name if commune else org.commune_code, "commune_code": org.commune_code,
        "postal_code": org.postal_code or "", "website": org.website or "", "email": org.email or "",
        "phone": org.phone or "", "description": org.description or "",
        "verified": org.is_verified, "url": organization_url(org), "listings_count": listings_count,
    }


def organization_detail(org, listings_count: int, listings: list) -> dict:
    body = organization(org, listings_count)
    body["offers"] = [listing_summary(item) for item in listings if item.kind == "offer"]
    body["needs"] = [listing_summary(item) for item in listings if item.kind == "need"]
    return body


def page(items: list, pagination) -> dict:
    return {"items": items, "total": pagination.total, "page": pagination.page, "per_page": pagination.per_page}


def own_listing(item) -> dict:
    """A listing as its managers see it: the public fields, its status and the moderation's note."""
    return {**listing(item), "status": item.status, "moderation_note": item.moderation_note or "",
            "hidden": bool(item.hidden)}
