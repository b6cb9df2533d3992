"""The cached suggestions of the listing page: new publications, edits and dismissals show at once."""
import pytest

from market.extensions import db
from market.listings.services import close_listing, update_listing
from market.matching import cache
from tests.factories import CUSSET, GANNAT, VICHY, login, make_listing
from tests.matching.conftest import org_with_admin

MONTLUCON = "03185"


@pytest.fixture
def tables(app):
    """A need for folding tables, one matching offer, and a page already viewed (ranking cached)."""
    cache.clear()
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    other_admin, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    need = make_listing(admin, org, kind="need", title="Tables pliantes pour la fête", terms="loan", tags="tables")
    offer = make_listing(other_admin, other, kind="offer", title="Vingt tables pliantes", terms="loan",
                         tags="tables", commune_code=VICHY)
    return admin, other_admin, other, need, offer


def _page(client, listing):
    """The listing's suggestions as its page shows them (the part it loads right after itself)."""
    return client.get(f"/annonces/{listing.id}/correspondances?partiel=1").get_data(as_text=True)


def _suggested(page, listing):
    """`listing` is among the suggestions of the page (its link, not a flash message)."""
    return f'href="/annonces/{listing.id}">{listing.title}</a>' in page


def test_a_second_view_reuses_the_ranking(client, tables):
    *_, need, offer = tables
    assert _suggested(_page(client, need), offer)
    hits = cache.stats["hits"]
    assert _suggested(_page(client, need), offer)
    assert cache.stats["hits"] == hits + 1


def test_a_new_publication_shows_on_the_next_view(client, tables):
    _, other_admin, other, need, offer = tables
    assert _suggested(_page(client, need), offer)
    new = make_listing(other_admin, other, kind="offer", title="Douze tables de brasserie", terms="loan",
                       tags="tables", commune_code=GANNAT)
    assert _suggested(_page(client, need), new)


def test_an_edit_of_the_listing_shows_on_the_next_view(client, tables):
    admin, other_admin, other, need, _ = tables
    far = make_listing(other_admin, other, kind="offer", title="Tables pliantes à Montluçon", terms="loan",
                       tags="tables", commune_code=MONTLUCON)  # ~80 km from Cusset: beyond the radius
    assert not _suggested(_page(client, need), far)
    update_listing(admin, need, {"commune_code": MONTLUCON})
    db.session.commit()
    assert _suggested(_page(client, need), far)


def test_an_offer_edited_so_it_no_longer_matches_leaves_the_cached_ranking(client, tables):
    _, other_admin, _, need, offer = tables
    assert _suggested(_page(client, need), offer)
    assert [i["listing"]["id"] for i in client.get(f"/api/v1/listings/{need.id}/matches").get_json()["items"]] == [
        offer.id]  # both rankings cached (5 for the page, 10 for the API)
    update_listing(other_admin, offer, {"title": "Piano droit à donner", "tags": "piano",
                                        "description": "Un piano droit, à venir chercher."})
    db.session.commit()  # the write invalidates the rankings of its category (market.cache.hooks)
    assert client.get(f"/api/v1/listings/{need.id}/matches").get_json()["items"] == []
    assert "Aucune" in _page(client, need)  # the page says so (then shows the category nearby)


def test_a_closed_offer_disappears_even_while_cached(client, tables):
    _, other_admin, _, need, offer = tables
    assert _suggested(_page(client, need), offer)
    close_listing(other_admin, offer, "fulfilled")
    db.session.commit()
    assert not _suggested(_page(client, need), offer)


def test_a_dismissed_suggestion_never_shows_again_for_anyone(app, client, tables):
    admin, *_, need, offer = tables
    assert _suggested(_page(client, need), offer)  # cached for visitors
    login(client, admin)
    client.post(f"/correspondances/{need.id}/ecarter/{offer.id}", data={"next": f"/annonces/{need.id}"})
    assert "ne vous sera plus proposée" in client.get(f"/annonces/{need.id}").get_data(as_text=True)  # the redirect
    assert not _suggested(_page(client, need), offer)
    assert not _suggested(_page(client, need), offer)
    assert "Vingt tables pliantes" not in client.get("/correspondances").get_data(as_text=True)
    visitor = app.test_client()
    assert not _suggested(_page(visitor, need), offer)
    assert visitor.get(f"/api/v1/listings/{need.id}/matches").get_json()["items"] == []
