"""GET /api/v1/listings: what a partner site or a script sees of the published offers and needs."""
from datetime import date, datetime

from market.extensions import db
from tests.api.conftest import approve
from tests.factories import CUSSET, GANNAT, VICHY, make_listing, make_org, make_user


def get_items(client, query=""):
    response = client.get(f"/api/v1/listings{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def titles(body):
    return [item["title"] for item in body["items"]]


def test_a_published_listing_comes_with_all_its_public_fields(client, alice, cinema, validate):
    listing = make_listing(alice, cinema, title="Vidéoprojecteur", category="equipment", terms="rent",
                           price_cents=1500, condition="good", deposit_cents=20000, urgent=True,
                           available_from=date(2031, 5, 1), tags="vidéo; projection")
    body = validate(get_items(client), "ListingPage")
    assert (body["total"], body["page"], body["per_page"]) == (1, 1, 20)
    item = body["items"][0]
    assert item["id"] == listing.id and item["title"] == "Vidéoprojecteur"
    assert (item["kind"], item["category"], item["terms"], item["price_cents"]) == ("offer", "equipment", "rent", 1500)
    assert (item["commune"], item["commune_code"]) == ("Vichy", VICHY)
    assert item["tags"] == ["vidéo", "projection"] and item["urgent"] is True
    assert (item["condition"], item["deposit_cents"], item["capacity"]) == ("good", 20000, None)
    assert item["available_from"] == "2031-05-01" and item["available_until"] is None
    assert item["organization"] == {"name": "Cinéma du Bourbonnais", "slug": "cinema-du-bourbonnais",
                                    "url": "http://localhost/annuaire/cinema-du-bourbonnais"}
    assert item["author"] is None
    assert item["url"] == f"http://localhost/annonces/{listing.id}"
    for key in ("created_at", "published_at", "expires_at"):
        assert item[key].endswith("Z") and datetime.fromisoformat(item[key]).utcoffset().total_seconds() == 0
    assert client.get(item["url"]).status_code == 200  # the link opens the listing's page


def test_detail_gives_the_same_item_and_a_premises_listing_its_fields(client, alice, cinema, validate):
    listing = make_listing(alice, cinema, category="premises", title="Salle de 80 places", capacity=80,
                           surface_m2=120, step_free=True, amenities="vidéoprojecteur; cuisine")
    response = client.get(f"/api/v1/listings/{listing.id}")
    item = validate(response.get_json(), "Listing")
    assert response.status_code == 200
    assert (item["capacity"], item["surface_m2"], item["step_free"]) == (80, 120, True)
    assert item["amenities"] == ["vidéoprojecteur", "cuisine"]
    assert item == get_items(client)["items"][0]


def test_a_volunteer_listing_shows_a_display_name_and_never_an_email(client, alice, cinema, validate):
    volunteer = make_user("bob.secret@example.org", "Bob B.", volunteer=True)
    mine = approve(make_listing(volunteer, None, kind="need", category="skill", title="Aide compta",
                                skill_domain="accounting", remote=True))
    make_listing(alice, cinema)
    item = validate(client.get(f"/api/v1/listings/{mine.id}").get_json(), "Listing")
    assert item["organization"] is None and item["author"] == {"display_name": "Bob B."}
    assert (item["skill_domain"], item["remote"]) == ("accounting", True)
    for url in ("/api/v1/listings", f"/api/v1/listings/{mine.id}", "/api/v1/organizations",
                f"/api/v1/organizations/{cinema.slug}"):
        text = client.get(url).get_data(as_text=True)
        assert "bob.secret" not in text and "alice.privee" not in text, url


def test_private_fields_stay_out_of_the_json(client, alice, cinema):
    listing = make_listing(alice, cinema)
    listing.moderation_note = "Note interne du coordinateur"
    db.session.commit()
    text = client.get(f"/api/v1/listings/{listing.id}").get_data(as_text=True)
    assert "Note interne" not in text and "moderation" not in text and "status" not in text


def test_html_characters_in_a_title_come_back_as_plain_text(client, alice, cinema):
    title = '<b>Tables & "chaises"</b> l\'été'
    listing = make_listing(alice, cinema, title=title, description="<script>alert(1)</script>")
    response = client.get(f"/api/v1/listings/{listing.id}")
    assert response.mimetype == "application/json"
    assert response.get_json()["title"] == title
    assert response.get_json()["description"] == "<script>alert(1)</script>"
    assert "&lt;" not in response.get_data(as_text=True) and "&amp;" not in response.get_data(as_text=True)


def test_filters_by_kind_category_terms_and_urgency(client, alice, cinema):
    make_listing(alice, cinema, title="Sono", kind="offer", category="equipment", terms="loan")
    make_listing(alice, cinema, title="Salle", kind="offer", category="premises", terms="rent", price_cents=5000)
    make_listing(alice, cinema, title="Bénévoles", kind="need", category="volunteering", urgent=True, terms="free",
                 people_needed=4, schedule="samedi 14 h")
    assert titles(get_items(client, "?kind=need")) == ["Bénévoles"]
    assert titles(get_items(client, "?category=premises")) == ["Salle"]
    assert titles(get_items(client, "?terms=loan")) == ["Sono"]
    assert titles(get_items(client, "?urgent=true")) == ["Bénévoles"]
    assert titles(get_items(client, "?urgent=1&kind=offer")) == []
    assert get_items(client, "?urgent=false")["total"] == 3


def test_filter_by_commune_name_or_postal_code(client, alice, cinema):
    make_listing(alice, cinema, title="À Vichy", commune_code=VICHY)
    make_listing(alice, cinema, title="À Cusset", commune_code=CUSSET)
    make_listing(alice, cinema, title="À Gannat", commune_code=GANNAT)
    assert titles(get_items(client, "?commune=Vichy")) == ["À Vichy"]
    assert titles(get_items(client, "?commune=03200")) == ["À Vichy"]  # Vichy's postal code
    assert titles(get_items(client, "?commune=Cusset")) == ["À Cusset"]
    assert get_items(client, "?commune=Nulle-Part-Sur-Mer")["total"] == 0


def test_filter_by_organization_slug_and_words(client, alice, cinema):
    other = make_org(alice, name="Jardin de Cocagne", commune=GANNAT)
    make_listing(alice, cinema, title="Écran gonflable")
    make_listing(alice, other, title="Grelinette", description="Outil de jardin")
    assert titles(get_items(client, f"?organization={other.slug}")) == ["Grelinette"]
    assert titles(get_items(client, "?organization=cinema-du-bourbonnais")) == ["Écran gonflable"]
    assert titles(get_items(client, "?q=jardin")) == ["Grelinette"]


def test_pagination_gives_totals_and_pages(client, alice, cinema):
    for n in range(5):
        make_listing(alice, cinema, title=f"Chaise {n}")
    first = get_items(client, "?per_page=2")
    assert (first["total"], first["page"], first["per_page"], len(first["items"])) == (5, 1, 2, 2)
    assert titles(first) == ["Chaise 4", "Chaise 3"]  # newest first
    last = get_items(client, "?per_page=2&page=3")
    assert titles(last) == ["Chaise 0"] and last["total"] == 5
    beyond = get_items(client, "?per_page=2&page=9")
    assert beyond["items"] == [] and beyond["total"] == 5
    assert get_items(client, "?per_page=100")["per_page"] == 100


def test_words_go_through_the_french_search_with_facets_and_suggestion(client):
    from tests.factories import make_listing, make_org, make_user
    alice = make_user("search-api@example.org")
    org = make_org(alice, name="Comité handisport")
    make_listing(alice, org, title="Sonorisation pour vos bénévoles", category="equipment", kind="offer")
    make_listing(alice, org, title="Salle de réunion à Gannat", category="premises", kind="offer",
                 description="Une salle claire pour vos réunions.", tags="")
    body = client.get("/api/v1/listings?q=benevoles+sono").get_json()
    assert [item["title"] for item in body["items"]] == ["Sonorisation pour vos bénévoles"]
    assert body["facets"]["category"] == {"equipment": 1}
    body = client.get("/api/v1/listings?q=reunoin").get_json()
    assert body["suggestion"] == "réunion" or body["suggestion"] == "reunion"
    assert client.get("/api/v1/listings?sort=cheapest").get_json()["error"]["parameter"] == "sort"
