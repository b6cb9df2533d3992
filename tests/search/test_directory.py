"""The organisations tab ("Structures"): the same words as the listings' search, on both backends."""
import pytest

from tests.factories import CUSSET, GANNAT, VICHY, make_org, make_user

pytestmark = pytest.mark.usefixtures("search_backend")


@pytest.fixture
def network():
    user = make_user("reseau@example.org", "Réseau")
    make_org(user, name="Cinéma du Bourbonnais", commune=VICHY, sectors="culture; cinéma",
             description="Projections en plein air et ciné-débats.")
    make_org(user, name="AMAP du Val de Sioule", commune=GANNAT, sectors="alimentation",
             description="Paniers de légumes bio chaque semaine.")
    make_org(user, name="Groupement d'employeurs Sioule Allier", commune=CUSSET, sectors="emploi; comptabilité",
             description="Une comptable partagée entre associations.")
    make_org(user, name="Association en attente", commune=VICHY, status="pending",
             description="Projections de films.")


def names(client, q):
    page = client.get("/annuaire/", query_string={"q": q}).get_data(as_text=True)
    return {name for name in ("Cinéma du Bourbonnais", "AMAP du Val de Sioule",
                              "Groupement d'employeurs Sioule Allier", "Association en attente")
            if name.replace("'", "&#39;") in page}


def test_accents_and_plurals_do_not_matter(client, network):
    assert names(client, "cinema") == {"Cinéma du Bourbonnais"}
    assert names(client, "projection") == {"Cinéma du Bourbonnais"}  # "Projections"; the pending one is not listed
    assert names(client, "LEGUME") == {"AMAP du Val de Sioule"}


def test_every_word_is_needed_in_the_name_sectors_description_or_commune(client, network):
    assert names(client, "sioule") == {"AMAP du Val de Sioule", "Groupement d'employeurs Sioule Allier"}
    assert names(client, "sioule gannat") == {"AMAP du Val de Sioule"}  # Gannat: its commune
    assert names(client, "cusset comptable") == {"Groupement d'employeurs Sioule Allier"}
    assert names(client, "cinema legumes") == set()


def test_synonyms_find_the_other_word(client, network):
    assert names(client, "compta") == {"Groupement d'employeurs Sioule Allier"}  # "comptabilité", "comptable"
