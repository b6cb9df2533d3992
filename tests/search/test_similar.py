""""Similar" listings (and matching's text candidates): the same category, key words shared, on both backends."""
import pytest

from market.search.service import similar_listings
from tests.factories import make_listing, make_org, make_user

pytestmark = pytest.mark.usefixtures("search_backend")


@pytest.fixture
def listings():
    user = make_user("similaire@example.org", "Similaire")
    org = make_org(user, name="Foyer rural")
    made = {
        "tables": make_listing(user, org, title="Tables pliantes pour vos fêtes", tags="tables; fête",
                               description="Dix tables pliantes en bois."),
        "tables_need": make_listing(user, org, kind="need", title="Besoin de tables pliantes", tags="tables",
                                    description="Pour notre repas de quartier, des tables pliantes."),
        "more_tables": make_listing(user, org, title="Grandes tables rondes", tags="tables",
                                    description="Six grandes tables."),
        "chairs": make_listing(user, org, title="Chaises de jardin", tags="chaises",
                               description="Vingt chaises en plastique."),
        "room": make_listing(user, org, category="premises", title="Salle avec tables pliantes", tags="tables",
                             description="Une salle et ses tables pliantes."),
    }
    return made


def test_similar_listings_share_key_words_in_the_same_category(listings):
    found = [l.title for l in similar_listings(listings["tables"], limit=4)]
    assert found[:2] == ["Besoin de tables pliantes", "Grandes tables rondes"]  # "pliantes" too: first
    assert "Tables pliantes pour vos fêtes" not in found  # never itself
    assert "Salle avec tables pliantes" not in found  # another category
    assert "Chaises de jardin" not in found  # no word shared


def test_similar_listings_of_one_kind(listings):
    assert [l.title for l in similar_listings(listings["tables_need"], kind="offer")] == [
        "Tables pliantes pour vos fêtes", "Grandes tables rondes"]
