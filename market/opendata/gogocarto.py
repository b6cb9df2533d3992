"""The actors in the shape GoGoCarto imports (name, geo, address, categories), see GoGoCartoJs' element configuration."""
from market.api.serializers import organization_url
from market.labels import label
from market.opendata.exports import LICENCE, LICENCE_URL


def element(org, categories: set[str]) -> dict:
    commune = org.commune
    body = {
        "id": org.slug, "name": org.name,
        "address": {"streetAddress": org.address or "", "postalCode": org.postal_code or "",
                    "addressLocality": commune.name if commune else org.commune_code, "addressCountry": "FR"},
        "categories": [label("legal_form", org.legal_form), *org.sector_list,
                       *sorted(str(label("category", c)) for c in categories)],
        "description": org.description or "", "website": org.website or "", "email": org.email or "",
        "telephone": org.phone or "", "sourceUrl": organization_url(org),
    }
    if commune and commune.lat is not None:
        body["geo"] = {"latitude": commune.lat, "longitude": commune.lon}
    return body


def document(elements: list) -> dict:
    return {"licence": LICENCE, "licence_url": LICENCE_URL, "ontology": "gogofull", "data": elements}
