"""Suggestions on real (demo) data, on the listing page, in "Mes correspondances" and in the API."""
from market.extensions import db
from market.listings.services import close_listing
from market.matching.queries import suggestions
from tests.factories import CUSSET, GANNAT, VICHY, login, make_listing
from market.moderation.services import approve_listing
from tests.factories import make_coordinator
from tests.matching.conftest import make_volunteer, org_with_admin


def _demo():
    from market.demo import loader
    loader.load()
    db.session.commit()


def test_a_need_for_a_lawyer_shows_the_legal_offers_first_with_their_reasons(client):
    _demo()
    admin, village = org_with_admin("cinevillage", "Ciné-village du Donjon", "03103")
    need = make_listing(admin, village, kind="need", category="skill", terms="free", tags="",
                        title="Un juriste pour relire nos statuts", commune_code="03103",
                        description="Nous changeons nos statuts avant l'assemblée générale de juin.")
    found = suggestions(need)
    legal = [s for s in found if s.listing.skill_domain == "legal"]
    assert legal, "the demo's legal offers are not suggested"
    assert found[:len(legal)] == legal  # legal skills first
    assert "même domaine : juridique" in [str(r) for r in found[0].reasons]
    assert all(s.listing.kind == "offer" and s.listing.category == "skill" for s in found)
    page = client.get(f"/annonces/{need.id}").get_data(as_text=True)
    assert "Offres qui pourraient répondre à ce besoin" in page  # the section, filled right after the page
    assert f'data-fragment="/annonces/{need.id}/correspondances?partiel=1"' in page
    assert f'href="/annonces/{need.id}/correspondances"' in page  # without JavaScript: their own page
    part = client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)
    assert "<html" not in part and legal[0].listing.title in part and "même domaine : juridique" in part
    assert "Écarter" not in part  # visitors see suggestions, only owners dismiss
    own_page = client.get(f"/annonces/{need.id}/correspondances").get_data(as_text=True)
    assert "<h1>Offres qui pourraient répondre à ce besoin</h1>" in own_page
    assert legal[0].listing.title in own_page and need.title in own_page


def test_owner_dismisses_a_suggestion_and_it_does_not_come_back(client):
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    _, other_org = org_with_admin("ge", "Groupement Mutualis", GANNAT)
    need = make_listing(admin, org, kind="need", category="equipment", title="Tables pliantes pour la fête",
                        terms="loan", tags="tables")
    offer = make_listing(other_org.admins()[0], other_org, kind="offer", category="equipment",
                         title="Vingt tables pliantes", terms="loan", tags="tables", commune_code=VICHY)
    login(client, admin)
    page = client.get("/correspondances").get_data(as_text=True)
    assert "Mes correspondances" in page and "Vingt tables pliantes" in page
    part = client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)
    assert "Vingt tables pliantes" in part and f'name="next" value="/annonces/{need.id}"' in part  # back to the listing
    response = client.post(f"/correspondances/{need.id}/ecarter/{offer.id}", data={"next": f"/annonces/{need.id}"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/annonces/{need.id}")
    assert "ne vous sera plus proposée" in client.get(f"/annonces/{need.id}").get_data(as_text=True)
    assert "Vingt tables pliantes" not in client.get("/correspondances").get_data(as_text=True)
    assert [s.listing.id for s in suggestions(need)] == []


def test_a_stranger_cannot_dismiss_for_someone_elses_listing(client):
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    stranger, _ = org_with_admin("velo", "Vélo Club", VICHY)
    need = make_listing(admin, org, kind="need", title="Tables pliantes", tags="tables", terms="loan")
    offer = make_listing(stranger, stranger.organizations[0], kind="offer", title="Tables pliantes", terms="loan")
    login(client, stranger)
    assert client.post(f"/correspondances/{need.id}/ecarter/{offer.id}").status_code == 404


def test_closed_and_own_listings_are_never_suggested():
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    other_admin, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    need = make_listing(admin, org, kind="need", title="Tables pliantes", tags="tables", terms="loan")
    make_listing(admin, org, kind="offer", title="Tables pliantes", tags="tables", terms="loan")
    closed = make_listing(other_admin, other, kind="offer", title="Tables pliantes", tags="tables", terms="loan")
    close_listing(other_admin, closed, "fulfilled")
    db.session.commit()
    assert suggestions(need) == []


def test_api_returns_matches_with_score_and_reasons(client):
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    _, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    need = make_listing(admin, org, kind="need", title="Tables pliantes", tags="tables", terms="loan",
                        commune_code=CUSSET)
    offer = make_listing(other.admins()[0], other, kind="offer", title="Tables pliantes", tags="tables",
                         terms="free")
    body = client.get(f"/api/v1/listings/{need.id}/matches").get_json()
    assert [item["listing"]["id"] for item in body["items"]] == [offer.id]
    item = body["items"][0]
    assert 0 <= item["score"] <= 1 and "gratuit" in item["reasons"] and "à 2 km" in item["reasons"]
    assert item["listing"]["title"] == "Tables pliantes" and "email" not in item["listing"]
    assert client.get("/api/v1/listings/999999/matches").status_code == 404


def test_volunteers_own_offer_meets_an_organisations_volunteering_need():
    volunteer = make_volunteer("sacha@example.org", CUSSET, radius_km=25, skills="accueil; buvette")
    admin, org = org_with_admin("festival", "Festival des Sources", VICHY)
    need = make_listing(admin, org, kind="need", category="volunteering", title="Bénévoles pour la buvette",
                        tags="buvette", terms="free")
    offer = make_listing(volunteer, None, kind="offer", category="volunteering", terms="free",
                         title="Disponible le week-end", tags="", description="Je peux tenir une buvette.")
    approve_listing(make_coordinator(), offer)  # a volunteer's listing goes through moderation
    db.session.commit()
    assert [s.listing.id for s in suggestions(need)] == [offer.id]


def test_the_search_indexs_candidates_are_scored_with_the_others(search_backend, monkeypatch):
    """market.search's "more like this" ids join the SQL ones: "enceinte" never shares a substring
    with "sono"; the index (synonyms) finds it, and so does SQL through the types vocabulary.
    On both search backends (whoosh, PostgreSQL)."""
    from market.matching import search_bridge
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    _, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    need = make_listing(admin, org, kind="need", title="Sono pour la fête", tags="", terms="loan", commune_code=CUSSET)
    speaker = make_listing(other.admins()[0], other, kind="offer", title="Enceinte amplifiée", tags="", terms="loan")
    found = suggestions(need)
    assert [s.listing.id for s in found] == [speaker.id] and "à 2 km" in [str(r) for r in found[0].reasons]
    monkeypatch.setattr(search_bridge, "similar_ids", lambda listing, limit: None)  # index unavailable
    assert [s.listing.id for s in suggestions(need)] == [speaker.id]  # "sono" type: enceinte, micro...
