"""The map of a large network: at most MAP_LIMIT actors in the list and on the map, the nearest ones
when a commune is chosen, and the page says how many it leaves out."""
import pytest

from market.network import queries
from tests.factories import make_listing, make_org, make_user
from tests.network.helpers import ESCUROLLES, UNPLACED, VICHY

CUSSET, MONTLUCON = "03095", "03185"  # Cusset borders Vichy; Montluçon is ~70 km away


@pytest.fixture
def limit_of_two(monkeypatch):
    monkeypatch.setattr(queries, "MAP_LIMIT", 2)


def _orgs(*named_communes):
    for i, (name, commune) in enumerate(named_communes):
        make_org(make_user(f"org{i}@example.org"), name=name, commune=commune)


def _names(data):
    return [a["name"] for a in data["actors"]]


def test_without_a_commune_the_first_by_name_and_how_many_are_left_out(client, limit_of_two):
    _orgs(("Comité de Montluçon", MONTLUCON), ("AMAP de Cusset", CUSSET), ("Bureau de Vichy", VICHY))
    data = client.get("/carte/acteurs.json").get_json()
    assert _names(data) == ["AMAP de Cusset", "Bureau de Vichy"]
    assert data["total"] == 3 and data["limited"] is True
    page = client.get("/carte").get_data(as_text=True)
    results = page.split('id="map-results"')[1]
    assert "AMAP de Cusset" in results and "Comité de Montluçon" not in results
    assert "Les 2 premiers par ordre alphabétique sont affichés, sur 3 acteurs" in page


def test_around_a_commune_the_nearest_whatever_their_name(client, limit_of_two):
    _orgs(("Atelier de Montluçon", MONTLUCON), ("Ateliers d'Escurolles", ESCUROLLES),
          ("Zébulon de Cusset", CUSSET), ("Ressourcerie de Vichy", VICHY))
    data = client.get("/carte/acteurs.json?near=Vichy").get_json()
    assert _names(data) == ["Ressourcerie de Vichy", "Zébulon de Cusset"]  # nearest first
    assert data["limited"] is True and data["total"] == 4
    page = client.get("/carte?near=Vichy").get_data(as_text=True)
    assert "Les 2 plus proches sont affichés (4 acteurs correspondent aux filtres" in page
    assert "Atelier de Montluçon" not in page.split('id="map-results"')[1]


def test_within_a_distance_nothing_is_said_left_out_when_all_are_shown(client, limit_of_two):
    _orgs(("Ressourcerie de Vichy", VICHY), ("Foyer rural de Chalinargues", UNPLACED),
          ("Atelier de Montluçon", MONTLUCON), ("Comité de Montluçon", MONTLUCON))
    data = client.get("/carte/acteurs.json?near=Vichy&km=20").get_json()
    # Montluçon is beyond 20 km; the actor without coordinates is still listed apart
    assert _names(data) == ["Ressourcerie de Vichy"] and data["unplaced"] == 1
    assert data["limited"] is False
    page = client.get("/carte?near=Vichy&km=20").get_data(as_text=True)
    assert "Foyer rural de Chalinargues" in page and "sont affichés" not in page


def test_offers_are_bounded_too(client, limit_of_two):
    owner = make_user("o@example.org")
    org = make_org(owner, name="Ligue sportive", commune=CUSSET)
    for title, commune in (("Barnum 3x3", MONTLUCON), ("Chaises pliantes", CUSSET), ("Sono 200 W", VICHY)):
        make_listing(owner, org, title=title, commune_code=commune)
    assert _names(client.get("/carte/acteurs.json?show=offer").get_json()) == ["Barnum 3x3", "Chaises pliantes"]
    near = client.get("/carte/acteurs.json?show=offer&near=Vichy").get_json()
    assert sorted(_names(near)) == ["Chaises pliantes", "Sono 200 W"] and near["limited"] is True
