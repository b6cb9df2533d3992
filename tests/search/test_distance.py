"""Browsing around a commune: `commune` plus `radius_km`, the same answer with or without words,
on both search backends."""
import pytest

from market.search.service import search_listings
from market.search.sqlsearch import search as sql_search
from tests.factories import CUSSET, GANNAT, VICHY, make_listing, make_org, make_user
from tests.fixtures_search import engine

pytestmark = pytest.mark.usefixtures("search_backend")

SAINT_POURCAIN = "03254"  # Saint-Pourçain-sur-Sioule, ~24 km from Vichy as the crow flies
PLACES = {VICHY: "Vichy", CUSSET: "Cusset", GANNAT: "Gannat", SAINT_POURCAIN: "Saint-Pourçain"}


@pytest.fixture
def spread():
    user = make_user("rayon@example.org", "Rayon Test")
    org = make_org(user, name="Réseau du Bourbonnais")
    for code, name in PLACES.items():
        make_listing(user, org, title=f"Tables pliantes à {name}", description="Des tables pour vos fêtes.",
                     tags="tables", commune_code=code)


def communes(result):
    return {l.commune_code for l in result.items}


@pytest.mark.parametrize("words", [{}, {"q": "tables"}])
@pytest.mark.parametrize("radius, expected", [
    (None, {VICHY}), (10, {VICHY, CUSSET}), (20, {VICHY, CUSSET, GANNAT}),
    (30, {VICHY, CUSSET, GANNAT, SAINT_POURCAIN}),
])
def test_the_radius_widens_the_commune_filter(spread, words, radius, expected):
    filters = {"commune": "Vichy", **words, **({"radius_km": radius} if radius else {})}
    result = search_listings(filters)
    assert result.engine == engine()
    assert communes(result) == expected and result.total == len(expected)
    if not words:  # while the index is unavailable, SQL filters the same way
        items, total, facets = sql_search(filters, 1, 20, "newest")
        assert {l.commune_code for l in items} == expected and total == len(expected) and facets == result.facets
    # the facets follow the same filter: every other facet counts only these listings
    assert sum(result.facets["category"].values()) == len(expected)
    assert sum(result.facets["kind"].values()) == len(expected)


@pytest.mark.parametrize("words", [{}, {"q": "tables"}])
def test_the_facets_agree_between_the_index_and_sql(spread, words):
    filters = {"commune": "Vichy", "radius_km": 20, **words}
    _items, _total, sql_facets = sql_search(filters, 1, 20, "newest")
    index = search_listings(filters)
    assert index.engine == engine() and sql_facets == index.facets
    # the commune facet ignores the commune filter (and its radius): other communes stay reachable
    assert set(index.facets["commune_code"]) == set(PLACES)


def test_the_browse_page_keeps_the_radius_and_explains_it(client, spread):
    page = client.get("/annonces/?commune=Vichy&radius_km=10").get_data(as_text=True)
    assert "Tables pliantes à Cusset" in page and "Tables pliantes à Gannat" not in page
    assert '<label for="filter-radius">Dans un rayon de</label>' in page
    assert '<option value="10" selected>' in page
    assert "ne connaissons pas la position ne comptent que si" in page


def test_an_unknown_radius_is_ignored_on_the_page(client, spread):
    page = client.get("/annonces/?commune=Vichy&radius_km=7").get_data(as_text=True)
    assert "Tables pliantes à Vichy" in page and "Tables pliantes à Cusset" not in page


def test_a_commune_without_coordinates_only_matches_itself():
    from market.listings.queries import commune_filter_codes
    # Chalinargues (15035, Cantal), restored in 2025, is in no packaged source of coordinates yet
    assert commune_filter_codes({"commune": "15035", "radius_km": 50}) == ["15035"]
    near_murat = commune_filter_codes({"commune": "15138", "radius_km": 50})  # Murat, 10 km away
    assert "15035" not in near_murat and "15138" in near_murat  # Murat itself


def test_the_api_accepts_the_radius_and_refuses_other_values(client, spread):
    body = client.get("/api/v1/listings?commune=Vichy&radius_km=20&q=tables").get_json()
    assert {item["commune_code"] for item in body["items"]} == {VICHY, CUSSET, GANNAT}
    refused = client.get("/api/v1/listings?commune=Vichy&radius_km=7")
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["parameter"] == "radius_km" and "« radius_km »" in error["message"]
