"""Never an empty block: without a match, the same category nearby (said as such) and who coordinates."""
from tests.factories import CUSSET, login, make_coordinator, make_listing
from tests.matching.conftest import org_with_admin


def _scene():
    admin, village = org_with_admin("cine", "Ciné-village", CUSSET)
    need = make_listing(admin, village, kind="need", title="Broyeur de végétaux", tags="broyeur", terms="loan",
                        commune_code=CUSSET)
    other_admin, other = org_with_admin("jardin", "Jardin d'insertion", "03310")
    chairs = make_listing(other_admin, other, kind="offer", title="80 chaises pliantes", tags="chaises", terms="loan")
    own = make_listing(admin, village, kind="offer", title="Tables pliantes", tags="tables", terms="loan",
                       commune_code=CUSSET)
    return admin, need, chairs, own


def test_no_match_shows_the_same_category_nearby_and_says_it_is_no_match(client):
    admin, need, chairs, own = _scene()
    part = client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)
    assert "Aucune correspondance pour l'instant." in part
    assert "À proximité, dans la même catégorie" in part and chairs.title in part
    assert "même catégorie · prêt · à 2 km" in part
    assert own.title not in part  # never the owner's own listing
    assert "pertinence" not in part  # not a match: no score


def test_members_see_the_coordinators_contact_visitors_do_not(client):
    admin, need, chairs, _own = _scene()
    coordinator = make_coordinator()
    part = client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)
    assert coordinator.email not in part
    login(client, admin)
    part = client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)
    assert f'href="mailto:{coordinator.email}"' in part and "La coordination du réseau" in part
    board = client.get("/correspondances").get_data(as_text=True)
    assert chairs.title in board and f"mailto:{coordinator.email}" in board
