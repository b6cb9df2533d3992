"""The public directory in Open Referral HSDS 3.0 shapes: organisations, their offers as services, communes as locations."""
import math

from market import geo
from market.api.serializers import iso_datetime, listing_url, organization_url
from market.labels import label
from market.opendata import ids

HSDS_VERSION = "3.0"


def _present(**fields) -> dict:
    """HSDS fields are optional: leave out the empty ones rather than send "" where a URI or e-mail is expected."""
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def commune_location(code: str) -> dict:
    """A commune as an HSDS location, with its coordinates when our list of communes knows them."""
    commune = geo.get(code)
    location = {"id": ids.make("commune", code), "location_type": "physical",
                "name": commune.name if commune else code,
                "external_identifier": code, "external_identifier_type": "INSEE"}
    if commune and commune.lat is not None and commune.lon is not None:
        location.update(latitude=commune.lat, longitude=commune.lon)
    return location


def _organization_location(org) -> dict:
    location = commune_location(org.commune_code)
    location.update(id=ids.make("location", org.id), organization_id=ids.make("organization", org.id))
    commune = org.commune
    if org.address:
        location["addresses"] = [{
            "id": ids.make("address", org.id), "location_id": location["id"], "address_1": org.address,
            "city": commune.name if commune else org.commune_code, "state_province": commune.department if commune else "",
            "postal_code": org.postal_code or (commune.postal_code if commune else ""),
            "country": "FR", "address_type": "physical"}]
    return location


def organization(org) -> dict:
    """The one-to-one fields (the HSDS list shape)."""
    return {"id": ids.make("organization", org.id), "name": org.name, "description": org.description or "",
            **_present(email=org.email, website=org.website, uri=organization_url(org),
                       legal_status=label("legal_form", org.legal_form))}


def organization_full(org, offers) -> dict:
    body = organization(org)
    org_id = body["id"]
    identifiers = [{"id": ids.make("identifier", org.id), "organization_id": org_id,
                    "identifier_scheme": "FR-SIRET", "identifier_type": "SIRET", "identifier": org.siret}
                   ] if org.siret else []
    body.update(_present(
        phones=[{"id": ids.make("phone", org.id), "organization_id": org_id, "number": org.phone}]
        if org.phone else [],
        organization_identifiers=identifiers))
    body["locations"] = [_organization_location(org)]
    body["services"] = [service(item) for item in offers]
    return body


def _fees(item) -> str:
    text = label("terms", item.terms)
    if item.price_cents is not None:
        text += f" : {item.price_cents // 100},{item.price_cents % 100:02d} €"
    return text


def service(item) -> dict:
    """An offer of a listed organisation, one-to-one fields (the HSDS list shape)."""
    org = item.organization
    return {"id": ids.make("service", item.id), "organization_id": ids.make("organization", org.id),
            "name": item.title, "status": "active",
            **_present(description=item.description, url=listing_url(item), email=org.email,
                       fees_description=_fees(item), last_modified=iso_datetime(item.updated_at),
                       alternate_name=label("category", item.category))}


def service_at_location(item, with_service=True) -> dict:
    body = {"id": ids.make("service_at_location", item.id), "service_id": ids.make("service", item.id),
            "location_id": ids.make("commune", item.commune_code), "location": commune_location(item.commune_code)}
    if with_service:
        body["service"] = service(item)
    return body


def service_full(item) -> dict:
    body = service(item)
    body["organization"] = organization(item.organization)
    body["service_at_locations"] = [service_at_location(item, with_service=False)]
    return body


def page(contents: list, pagination) -> dict:
    """The HSDS API `Page` around `contents`."""
    total_pages = max(1, math.ceil(pagination.total / pagination.per_page)) if pagination.total else 0
    return {"total_items": pagination.total, "total_pages": total_pages, "page_number": pagination.page,
            "size": len(contents), "first_page": pagination.page == 1,
            "last_page": pagination.page >= total_pages, "empty": not contents, "contents": contents}
