"""French communes lookup: search, resolve and distances as a user of the marketplace sees them."""
import pytest

from market.geo import AmbiguousCommune, Commune, distance_km, get, normalise, resolve, search
from market.geo.communes import _index

VICHY, CUSSET, TROYES, POITIERS = "03310", "03095", "10387", "86194"


def names(communes):
    return [c.name for c in communes]


def test_vichy_has_its_real_codes_and_label():
    vichy = get(VICHY)
    assert (vichy.name, vichy.postal_code, vichy.department) == ("Vichy", "03200", "03")
    assert vichy.label == "Vichy (03200)"
    assert vichy.population > 20000
    assert get("99999") is None and get("") is None


def test_search_by_name_is_case_and_accent_insensitive():
    assert search("vichy")[0].code == VICHY
    assert search("VICHY")[0].code == VICHY
    assert search("ebreuil")[0].name == "Ébreuil"
    assert search("Ébreuil")[0].name == "Ébreuil"


@pytest.mark.parametrize("text", ["saint pourcain", "ST POURCAIN", "St-Pourçain",
                                  "saint-pourçain-sur-s"])
def test_search_saint_abbreviations_and_hyphens(text):
    assert search(text)[0].name == "Saint-Pourçain-sur-Sioule"


def test_search_name_prefix_and_words_inside_the_name():
    assert "Saint-Pourçain-sur-Besbre" in names(search("saint pourc"))
    assert names(search("pourcain"))[:1] == ["Saint-Pourçain-sur-Sioule"]
    found = names(search("st", limit=50))  # "st" may be the start of Strasbourg or mean "saint"
    assert "Strasbourg" in found and "Saint-Étienne" in found


def test_exact_name_ranks_before_bigger_prefix_matches():
    found = names(search("sainte foy"))
    assert found[0] == "Sainte-Foy"
    assert found.index("Sainte-Foy-lès-Lyon") > found.index("Sainte-Foy")


def test_search_by_postal_code_and_prefix():
    assert search("03200")[0].code == VICHY
    assert {c.name for c in search("03200")} == {"Vichy", "Abrest", "Le Vernet"}
    prefixed = search("032", limit=20)
    assert prefixed[0].code == VICHY
    assert all(any(p.startswith("032") for p in c.postal_codes) for c in prefixed)


@pytest.mark.parametrize("text", ["Vichy (03200)", "03200 Vichy", "vichy 03200", "Vichy (03)"])
def test_search_by_label(text):
    assert search(text)[0].code == VICHY


def test_search_limit_empty_and_unknown():
    assert len(search("s", limit=3)) == 3
    assert search("") == [] and search("   ") == [] and search("-") == []
    assert search("xyzzyville") == [] and search("99999") == []


def test_resolve_labels_names_and_codes():
    vichy = get(VICHY)
    for text in ["Vichy (03200)", "03200 Vichy", "Vichy 03200", "vichy", "VICHY (03200)"]:
        assert resolve(text) is vichy
    assert resolve("St-Pourçain-sur-Sioule").code == "03254"
    assert resolve("86000") is get(POITIERS)  # postal code of a single commune
    assert resolve("2A004").name == "Ajaccio"  # INSEE code (not a postal code)
    assert resolve("13001").name == "Marseille"  # arrondissements are folded into the commune


def test_resolve_ambiguous_postal_code_lists_candidates():
    with pytest.raises(AmbiguousCommune) as caught:
        resolve("03200")
    assert isinstance(caught.value, ValueError)
    assert {c.name for c in caught.value.candidates} == {"Vichy", "Abrest", "Le Vernet"}
    assert caught.value.candidates[0].code == VICHY  # most populated first


def test_resolve_ambiguous_name_and_postal_code_disambiguates():
    with pytest.raises(AmbiguousCommune) as caught:
        resolve("Le Vernet")
    assert {c.department for c in caught.value.candidates} >= {"03", "04", "09", "43"}
    assert resolve("Le Vernet (03200)").code == "03306"


def test_resolve_unknown_or_inconsistent_is_none():
    assert resolve("") is None and resolve("Nowhere-sur-Mer") is None
    assert resolve("Vichy (03300)") is None  # wrong postal code
    assert resolve("Saint-Pourçain") is None  # no commune has exactly this name
    assert resolve("032") is None


def test_every_label_resolves_to_its_commune():
    for _, commune in _index().named:
        assert resolve(commune.label) is commune


def test_distances():
    vichy, cusset, troyes = get(VICHY), get(CUSSET), get(TROYES)
    assert 1.5 < distance_km(vichy, cusset) < 4  # between the town halls
    assert 230 < distance_km(vichy, troyes) < 320
    assert distance_km(vichy, troyes) == pytest.approx(distance_km(troyes, vichy))
    assert distance_km(vichy, vichy) == 0
    nowhere = Commune("00000", "Nowhere", (), "00", 0, None, None)
    assert distance_km(vichy, nowhere) is None


@pytest.mark.parametrize("code", [VICHY, CUSSET, TROYES, POITIERS,  # and Allier towns:
                                  "03118", "03254", "03103", "03107", "03022", "03043"])
def test_main_communes_have_coordinates(code):
    commune = get(code)
    assert 41 < commune.lat < 51.5 and -5.5 < commune.lon < 10


@pytest.mark.parametrize("code, km", [
    ("03109", 20), ("03008", 20), ("03043", 20), ("63387", 20),  # Escurolles, Arronnes, Broût-Vernet,
    ("03022", 30), ("03118", 20), ("03264", 10)])  # Saint-Priest-Bramefant; Bellenaves, Gannat, Saint-Yorre
def test_the_villages_around_vichy_are_placed_within_reach(code, km):
    assert distance_km(get(VICHY), get(code)) < km


def test_data_covers_france():
    communes = [c for _, c in _index().named]
    assert len(communes) > 34000
    assert len({c.code for c in communes}) == len(communes)
    assert sum(c.lat is not None for c in communes) > 34800  # all but a few overseas and new ones
    allier = [c for c in communes if c.department == "03"]
    assert len(allier) == 317 and all(c.lat is not None for c in allier)


def test_normalise():
    assert normalise("  L'Haÿ-les-Roses ") == "l hay les roses"
    assert normalise("Œuilly") == "oeuilly"
    assert normalise("Saint-Pourçain-sur-Sioule") == "saint pourcain sur sioule"
    assert normalise("") == ""
