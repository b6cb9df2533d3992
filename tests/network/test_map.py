"""The map of actors, tried as a new user would: an association in Arronnes appears within 20 km of
Vichy from its commune alone, then places its own address and shows its catchment area."""
import re

from market.extensions import db
from market.network.models import ActorPlace
from tests.factories import login, make_listing, make_org, make_user
from tests.network.helpers import ARRONNES, ESCUROLLES, UNPLACED, VICHY

ARRONNES_POINT = {"lat": "46,0617", "lon": "3,5589"}  # the garden, typed as a map gives it


def _arronnes(client):
    admin = make_user("jardin@example.org", "Jeanne Jardin")
    org = make_org(admin, name="Jardin partagé d'Arronnes", commune=ARRONNES, sectors="jardin; insertion")
    login(client, admin)
    return admin, org


def test_an_association_of_arronnes_appears_within_20_km_of_vichy_then_places_itself(client):
    make_org(make_user("cine@example.org"), name="Cinéma de Vichy", commune=VICHY)
    _admin, org = _arronnes(client)
    page = client.get("/carte?near=Vichy&km=20").get_data(as_text=True)
    assert "2 acteurs autour de Vichy (jusqu'à 20 km)" in page and "sans position connue" not in page
    results = page.split('id="map-results"')[1]
    assert results.index("Cinéma de Vichy") < results.index("Jardin partagé")  # nearest first
    assert re.search(r"à 1[0-9](,\d)? km", results)  # ~13 km between the town halls
    data = client.get("/carte/acteurs.json?near=Vichy&km=20").get_json()
    garden = next(a for a in data["actors"] if a["name"].startswith("Jardin"))
    assert garden["placed_by"] == "commune" and 10 < garden["distance_km"] < 20
    # farther than 10 km: not in the 10 km list, still in the 20 km one
    assert "Jardin partagé" not in client.get("/carte?near=Vichy&km=10").get_data(as_text=True)

    response = client.post(f"/carte/structure/{org.slug}", data={
        **ARRONNES_POINT, "catchment_km": "15", "catchment_communes": "Cusset; Escurolles; Vichy (03200)"})
    assert response.status_code == 302
    page = client.get("/carte?near=Vichy&km=20").get_data(as_text=True)
    results = page.split('id="map-results"')[1]
    assert "2 acteurs autour de Vichy (jusqu'à 20 km)" in page and re.search(r"à 1[0-9](,\d)? km", results)
    assert "Dans un rayon de 15 km." in results and "Cusset, Escurolles, Vichy" in results

    data = client.get("/carte/acteurs.json?near=Vichy&km=20").get_json()
    garden = next(a for a in data["actors"] if a["name"].startswith("Jardin"))
    assert garden["placed_by"] == "address" and garden["lat"] == 46.0617
    assert garden["catchment"]["km"] == 15
    assert [c["name"] for c in garden["catchment"]["communes"]] == ["Cusset", "Escurolles", "Vichy"]
    assert 10 < garden["distance_km"] < 20


def test_the_list_and_the_markers_hold_the_same_actors(client):
    make_org(make_user("a@example.org"), name="AMAP de Cusset", commune="03095")
    make_org(make_user("b@example.org"), name="MFR d'Escurolles", commune=ESCUROLLES)
    make_org(make_user("c@example.org"), name="Foyer rural de Chalinargues", commune=UNPLACED)
    data = client.get("/carte/acteurs.json").get_json()
    page = client.get("/carte").get_data(as_text=True)
    assert [a["name"] for a in data["actors"]] == ["AMAP de Cusset", "MFR d'Escurolles"] and data["unplaced"] == 1
    assert "2 acteurs placés" in page and "Foyer rural de Chalinargues" in page


def test_filters_by_kind_category_sector_and_commune(client):
    owner = make_user("o@example.org")
    org = make_org(owner, name="Ligue sportive", commune="03095", sectors="sport")
    make_listing(owner, org, title="Barnum 3x3", commune_code="03095")
    make_listing(owner, org, title="Besoin de chaises", kind="need", category="equipment", commune_code="03095")
    make_org(make_user("c@example.org"), name="Théâtre de Gannat", commune="03118", sectors="théâtre")
    assert [a["name"] for a in client.get("/carte/acteurs.json?show=offer").get_json()["actors"]] == ["Barnum 3x3"]
    assert [a["name"] for a in client.get("/carte/acteurs.json?show=need").get_json()["actors"]] == ["Besoin de chaises"]
    assert [a["name"] for a in client.get("/carte/acteurs.json?sector=sport").get_json()["actors"]] == ["Ligue sportive"]
    assert [a["name"] for a in client.get("/carte/acteurs.json?commune=Gannat").get_json()["actors"]] == ["Théâtre de Gannat"]
    assert client.get("/carte/acteurs.json?show=offer&category=premises").get_json()["actors"] == []


def test_an_unknown_or_unplaced_origin_is_said_not_a_500(client):
    page = client.get("/carte?near=Zzzzzz").get_data(as_text=True)
    assert "Commune inconnue" in page
    page = client.get("/carte?near=Chalinargues").get_data(as_text=True)
    assert "Nous ne connaissons pas encore la position de Chalinargues" in page


def test_wrong_coordinates_are_refused_and_what_was_typed_is_kept(client):
    _admin, org = _arronnes(client)
    page = client.post(f"/carte/structure/{org.slug}", data={"lat": "3,5589", "lon": "46,0617"}).get_data(as_text=True)
    assert "inversées" in page and 'value="3,5589"' in page
    page = client.post(f"/carte/structure/{org.slug}", data={"lat": "quarante-six", "lon": "3"}).get_data(as_text=True)
    assert "degrés décimaux" in page and 'value="quarante-six"' in page
    page = client.post(f"/carte/structure/{org.slug}", data={"catchment_communes": "Nullepart-sur-Rien"}).get_data(as_text=True)
    assert "Communes inconnues : Nullepart-sur-Rien" in page
    assert db.session.get(ActorPlace, org.id) is None  # nothing half written


def test_only_the_organisations_admins_place_it(client):
    _admin, org = _arronnes(client)
    outsider = make_user("x@example.org")
    client.post("/deconnexion")
    login(client, outsider)
    assert client.get(f"/carte/structure/{org.slug}").status_code == 404
    assert client.post(f"/carte/structure/{org.slug}", data=ARRONNES_POINT).status_code == 404
    assert db.session.get(ActorPlace, org.id) is None


def test_no_tiles_by_default_and_a_configured_tile_server_is_allowed_by_the_csp(app, client):
    response = client.get("/carte")
    assert 'data-tile-url=""' in response.get_data(as_text=True)
    assert "img-src 'self' data:;" in response.headers["Content-Security-Policy"]
    app.config["MAP_TILE_URL"] = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    try:
        response = client.get("/carte")
        page = response.get_data(as_text=True)
        assert "img-src 'self' data: https://tile.openstreetmap.org;" in response.headers["Content-Security-Policy"]
        assert "openstreetmap.org/copyright" in page and "OpenStreetMap" in page
    finally:
        app.config["MAP_TILE_URL"] = None
