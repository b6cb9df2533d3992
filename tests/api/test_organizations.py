"""GET /api/v1/organizations: the directory of verified organisations and their public listings."""
from market.extensions import db
from tests.factories import CUSSET, GANNAT, VICHY, make_listing, make_org, make_user


def test_the_list_has_verified_organisations_by_name_with_their_public_details(client, alice, cinema, validate):
    make_org(make_user("p@example.org", "P"), name="Association en attente", status="pending")
    make_org(alice, name="AMAP des Combrailles", legal_form="association", commune=GANNAT)
    make_listing(alice, cinema)
    make_listing(alice, cinema, kind="need", title="Projectionniste bénévole", category="volunteering")
    make_listing(alice, cinema, title="Brouillon", submit=False)
    body = validate(client.get("/api/v1/organizations").get_json(), "OrganizationPage")
    assert [org["name"] for org in body["items"]] == ["AMAP des Combrailles", "Cinéma du Bourbonnais"]
    assert body["total"] == 2
    org = body["items"][1]
    assert (org["slug"], org["legal_form"], org["legal_form_label"]) == ("cinema-du-bourbonnais", "association",
                                                                        "Association")
    assert (org["commune"], org["commune_code"], org["postal_code"]) == ("Vichy", VICHY, "03200")
    assert org["sectors"] == ["culture", "cinéma"]
    assert org["email"] == "contact@cinema-bourbonnais.example" and org["phone"] == "04 70 00 00 00"
    assert org["verified"] is True and org["listings_count"] == 2
    assert org["url"] == "http://localhost/annuaire/cinema-du-bourbonnais"
    assert body["items"][0]["listings_count"] == 0


def test_filters_by_legal_form_commune_and_words(client, alice, cinema):
    make_org(alice, name="Scop Imprimerie du Val", legal_form="cooperative", commune=CUSSET,
             description="Impression solidaire", sectors="imprimerie")

    def names(query):
        response = client.get(f"/api/v1/organizations{query}")
        assert response.status_code == 200
        return [org["name"] for org in response.get_json()["items"]]
    assert names("?legal_form=cooperative") == ["Scop Imprimerie du Val"]
    assert names("?commune=Vichy") == ["Cinéma du Bourbonnais"]
    assert names("?commune=03300") == ["Scop Imprimerie du Val"]  # Cusset's postal code
    assert names("?q=impression") == ["Scop Imprimerie du Val"]
    assert names("?per_page=1&page=2") == ["Scop Imprimerie du Val"]


def test_the_detail_lists_public_offers_and_needs(client, alice, cinema, validate):
    offer = make_listing(alice, cinema, title="Écran")
    need = make_listing(alice, cinema, kind="need", category="premises", title="Salle pour un ciné-débat")
    make_listing(alice, cinema, title="Brouillon", submit=False)
    response = client.get(f"/api/v1/organizations/{cinema.slug}")
    body = validate(response.get_json(), "OrganizationDetail")
    assert response.status_code == 200 and body["name"] == "Cinéma du Bourbonnais"
    assert body["offers"] == [{"id": offer.id, "title": "Écran", "category": "equipment",
                               "url": f"http://localhost/annonces/{offer.id}"}]
    assert [(n["id"], n["category"]) for n in body["needs"]] == [(need.id, "premises")]
    assert body["listings_count"] == 2


def test_pending_suspended_and_unknown_organisations_are_json_404(client, alice):
    pending = make_org(alice, name="Asso en attente", status="pending")
    suspended = make_org(alice, name="Asso suspendue")
    suspended.status = "suspended"
    db.session.commit()
    for slug in (pending.slug, suspended.slug, "nexiste-pas"):
        response = client.get(f"/api/v1/organizations/{slug}")
        assert response.status_code == 404, slug
        assert response.get_json() == {"error": {"code": "not_found", "status": 404, "message": "Structure introuvable.", "fields": {}}}
    assert client.get("/api/v1/organizations").get_json()["total"] == 0
