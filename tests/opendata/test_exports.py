"""Exports, feeds and the GoGoCarto JSON: what a spreadsheet, a feed reader or a map importer receives."""
import csv
import io

import feedparser
import pytest

from market.opendata import exports
from tests.opendata.conftest import PRIVATE

ALL_PATHS = ["/api/v1/hsds/organizations", "/api/v1/hsds/services", "/api/v1/hsds/service_at_locations",
             "/api/v1/export/structures.csv", "/api/v1/export/structures.json", "/api/v1/export/annonces.csv",
             "/api/v1/export/annonces.json", "/api/v1/export/gogocarto.json", "/flux/offres.atom",
             "/flux/besoins.atom", "/flux/offres.atom?category=skill"]


def _csv(response):
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode("utf-8"))  # UTF-8 with BOM: a French spreadsheet reads the accents
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_listings_csv_opens_in_a_spreadsheet(client, network):
    response = client.get("/api/v1/export/annonces.csv")
    assert response.mimetype == "text/csv" and "Licence Ouverte" in response.headers["X-License"]
    rows = _csv(response)
    assert list(rows[0]) == list(exports.LISTING_COLUMNS)
    assert sorted(r["title"] for r in rows) == ["Sono & micros <200 W>", "Une salle pour 50"]
    assert {r["organization"] for r in rows} == {"Cinéma du Bourbonnais"}


def test_the_directory_csv_and_json_say_the_licence(client, network):
    rows = _csv(client.get("/api/v1/export/structures.csv"))
    assert [r["name"] for r in rows] == ["Cinéma du Bourbonnais"] and rows[0]["address"] == "2 rue du Lac"
    body = client.get("/api/v1/export/structures.json").get_json()
    assert body["licence"] == "Licence Ouverte 2.0 (Etalab)" and body["items"][0]["commune"] == "Vichy"
    assert client.get("/api/v1/export/annonces.json").get_json()["items"][0]["organization"] == "Cinéma du Bourbonnais"


def test_an_empty_network_exports_headers_only(client):
    assert _csv(client.get("/api/v1/export/annonces.csv")) == []
    assert client.get("/api/v1/export/annonces.json").get_json()["items"] == []


def test_the_offers_feed_is_valid_atom_with_the_published_offers(client, network):
    response = client.get("/flux/offres.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.id and feed.feed.updated
    assert {link.rel for link in feed.feed.links} == {"self", "alternate"}
    assert [e.title for e in feed.entries] == ["Sono & micros <200 W>"]  # escaped, read back intact
    entry = feed.entries[0]
    assert entry.author == "Cinéma du Bourbonnais" and entry.link.endswith(f"/annonces/{network['offer'].id}")


def test_an_approved_offer_of_an_organisation_being_verified_reaches_the_feed(client, network):
    """The issue's path: a new association posts, a coordinator approves, the offer is in search and in the feed;
    the organisation itself stays out of the directory's open data until it is verified."""
    from market.extensions import db
    from market.moderation.services import approve_listing
    from tests.factories import make_coordinator, make_listing, make_org, make_user
    newcomer = make_org(make_user("eve@example.org", "Ève"), name="Ressourcerie nouvelle", status="pending")
    listing = make_listing(newcomer.admins()[0], newcomer, title="Vitrine réfrigérée à donner")
    assert "Vitrine" not in client.get("/flux/offres.atom").get_data(as_text=True)  # waiting for moderation
    approve_listing(make_coordinator(), listing)
    db.session.commit()
    titles = [e.title for e in feedparser.parse(client.get("/flux/offres.atom").get_data()).entries]
    assert titles[0] == "Vitrine réfrigérée à donner"
    assert "Vitrine réfrigérée à donner" in {r["title"] for r in _csv(client.get("/api/v1/export/annonces.csv"))}
    hsds = client.get("/api/v1/hsds/services").get_json()
    assert "Vitrine réfrigérée à donner" not in {item["name"] for item in hsds["contents"]}
    assert "Ressourcerie nouvelle" not in {r["name"] for r in _csv(client.get("/api/v1/export/structures.csv"))}


@pytest.mark.parametrize("query, titles", [("", ["Une salle pour 50"]), ("?category=premises", ["Une salle pour 50"]),
                                           ("?category=equipment", []), ("?commune=Cusset", ["Une salle pour 50"]),
                                           ("?commune=Gannat", [])])
def test_needs_feed_per_category_and_commune(client, network, query, titles):
    feed = feedparser.parse(client.get(f"/flux/besoins.atom{query}").get_data())
    assert not feed.bozo and [e.title for e in feed.entries] == titles


def test_the_browse_page_links_its_feeds(client, network):
    html = client.get("/annonces/?category=premises").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml"' in html and "/flux/besoins.atom?category=premises" in html


def test_gogocarto_elements_have_name_coordinates_and_categories(client, network):
    body = client.get("/api/v1/export/gogocarto.json").get_json()
    [element] = body["data"]
    assert element["name"] == "Cinéma du Bourbonnais" and element["address"]["addressLocality"] == "Vichy"
    assert abs(element["geo"]["latitude"] - 46.13) < 0.1 and abs(element["geo"]["longitude"] - 3.42) < 0.1
    assert {"Association", "culture", "Matériel", "Locaux"} <= set(element["categories"])


@pytest.mark.parametrize("path", ALL_PATHS)
def test_nothing_private_leaks(client, network, path):
    text = client.get(path).get_data(as_text=True)
    for secret in PRIVATE:
        assert secret not in text, (path, secret)


def test_the_open_data_page_is_in_the_footer_and_says_what_is_never_published(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/donnees-ouvertes"' in home
    page = client.get("/donnees-ouvertes").get_data(as_text=True)
    assert "Licence Ouverte 2.0" in page and "jamais publié" in page and "/flux/offres.atom" in page


@pytest.mark.parametrize("path, schema", [("/hsds/", "HsdsMeta"), ("/hsds/organizations", "HsdsOrganizationPage"),
                                          ("/hsds/services", "HsdsServicePage"),
                                          ("/hsds/service_at_locations", "HsdsServiceAtLocationPage"),
                                          ("/export/structures.json", "OpenDataExport"),
                                          ("/export/annonces.json", "OpenDataExport"),
                                          ("/export/gogocarto.json", "GoGoCarto")])
def test_responses_match_the_openapi_document(client, network, validate, path, schema):
    validate(client.get(f"/api/v1{path}").get_json(), schema)
