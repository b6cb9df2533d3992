"""CSV (French spreadsheet: UTF-8 with BOM, `;`) and JSON exports, streamed row by row under the Licence Ouverte 2.0."""
import csv
import io
import json

from market.api import serializers
from market.opendata import queries

LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

ORGANIZATION_COLUMNS = ("slug", "name", "legal_form", "sectors", "address", "postal_code", "commune",
                        "commune_code", "website", "email", "phone", "description", "url")
LISTING_COLUMNS = ("id", "kind", "category", "title", "description", "organization", "commune", "commune_code",
                   "terms", "price_cents", "quantity", "tags", "urgent", "published_at", "expires_at", "url")


def organization_row(org) -> dict:
    body = serializers.organization(org, 0)
    body.update(sectors="; ".join(org.sector_list), address=org.address or "")
    return {key: body[key] for key in ORGANIZATION_COLUMNS}


def listing_row(item) -> dict:
    body = serializers.listing(item)
    body.update(organization=item.organization.name, tags="; ".join(item.tag_list))
    return {key: body[key] for key in LISTING_COLUMNS}


def _csv_line(values) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(values)
    return out.getvalue()


def csv_rows(columns, rows):
    yield "\ufeff" + _csv_line(columns)
    for row in rows:
        yield _csv_line("" if row[c] is None else row[c] for c in columns)


def json_rows(name: str, rows):
    """{"licence": ..., "items": [...]}, written as the rows come."""
    yield json.dumps({"licence": LICENCE, "licence_url": LICENCE_URL, "dataset": name})[:-1] + ', "items": ['
    for index, row in enumerate(rows):
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
    yield "]}"


DATASETS = {
    "structures": (ORGANIZATION_COLUMNS, lambda: map(organization_row, queries.stream(queries.open_organizations()))),
    "annonces": (LISTING_COLUMNS, lambda: map(listing_row, queries.stream(queries.published_listings()))),
}
