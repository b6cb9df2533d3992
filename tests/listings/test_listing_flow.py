"""Posting, editing, closing and reposting offers and needs, as members and volunteers do."""
from datetime import timedelta

from market.extensions import db
from market.listings.models import Listing
from market.types import utcnow
from tests.factories import VICHY, confirmation_path, login, make_listing, make_org, make_user

FORM = {"organization": "", "kind": "need", "category": "premises", "title": "Salle de réunion pour 30 personnes",
        "description": "Pour notre assemblée générale, un soir de semaine.", "commune": "Gannat",
        "terms": "free", "quantity": "1", "capacity": "30", "step_free": "yes", "amenities": "vidéoprojecteur; cuisine"}


def _post(client, **changes):
    return client.post("/annonces/nouvelle", data={**FORM, **changes})


def test_verified_organisation_publishes_at_once(client):
    alice = make_user()
    org = make_org(alice, status="verified")
    response = _post(client_logged(client, alice), organization=org.slug)
    assert response.status_code == 302
    listing = db.session.scalar(db.select(Listing))
    assert listing.status == "published" and listing.capacity == 30 and listing.step_free is True
    assert listing.commune_name == "Gannat" and listing.amenity_list == ["vidéoprojecteur", "cuisine"]
    assert (listing.expires_at - utcnow()).days in (59, 60)
    assert "Salle de réunion pour 30 personnes" in client.get("/annonces/").get_data(as_text=True)


def client_logged(client, user):
    login(client, user)
    return client


def test_unverified_organisation_waits_for_moderation(client):
    alice = make_user()
    org = make_org(alice, status="pending")
    response = _post(client_logged(client, alice), organization=org.slug)
    listing = db.session.scalar(db.select(Listing))
    assert listing.status == "pending"
    assert "après vérification" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post("/deconnexion")
    assert "Salle de réunion" not in client.get("/annonces/").get_data(as_text=True)
    assert client.get(f"/annonces/{listing.id}").status_code == 404


def test_errors_keep_what_was_typed(client):
    alice = make_user()
    org = make_org(alice)
    html = _post(client_logged(client, alice), organization=org.slug, commune="Nullepart-sur-Mer",
                 terms="rent", title="Salle pour notre fête").get_data(as_text=True)
    assert "Commune inconnue" in html
    assert "Indiquez un prix pour une location ou une vente." in html
    assert 'value="Salle pour notre fête"' in html
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 0


def test_ambiguous_commune_lists_candidates(client):
    alice = make_user()
    org = make_org(alice)
    html = _post(client_logged(client, alice), organization=org.slug, commune="03200").get_data(as_text=True)
    assert "Plusieurs communes correspondent" in html and "Vichy (03200)" in html


def test_urgent_only_for_needs_and_price_in_cents(client):
    alice = make_user()
    org = make_org(alice)
    html = _post(client_logged(client, alice), organization=org.slug, kind="offer", urgent="y").get_data(as_text=True)
    assert "Seul un besoin peut être marqué urgent." in html
    _post(client, organization=org.slug, kind="offer", category="equipment", terms="rent", price="12,50",
          deposit="150", title="Barnum 3x3 m")
    listing = db.session.scalar(db.select(Listing))
    assert listing.price_cents == 1250 and listing.deposit_cents == 15000 and listing.capacity is None
    assert "12,50" in client.get(f"/annonces/{listing.id}").get_data(as_text=True)


def test_other_members_cannot_edit_or_close(client):
    alice, bob = make_user(), make_user("bob@example.org", "Bob")
    org = make_org(alice)
    make_org(bob, name="Jardin de Cocagne")
    listing = make_listing(alice, org)
    login(client, bob)
    assert client.get(f"/annonces/{listing.id}/modifier").status_code == 403
    assert client.post(f"/annonces/{listing.id}/cloturer", data={"reason": "withdrawn"}).status_code == 403
    assert db.session.get(Listing, listing.id).status == "published"


def test_edit_close_and_repost(client):
    alice = make_user()
    org = make_org(alice)
    listing = make_listing(alice, org)
    login(client, alice)
    page = client.get(f"/annonces/{listing.id}/modifier").get_data(as_text=True)
    assert "Vichy (03200)" in page  # the commune is shown as people know it
    client.post(f"/annonces/{listing.id}/modifier", data={**FORM, "kind": "offer", "category": "equipment",
                                                          "title": "Sono 400 W", "commune": "Vichy (03200)"})
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).title == "Sono 400 W"
    client.post(f"/annonces/{listing.id}/cloturer", data={"reason": "fulfilled"})
    db.session.expire_all()
    listing = db.session.get(Listing, listing.id)
    assert listing.status == "closed" and listing.close_reason == "fulfilled"
    assert "Sono 400 W" not in client.get("/annonces/").get_data(as_text=True)
    assert "Sono 400 W" in client.get("/mon-espace").get_data(as_text=True)  # still in the owner's list
    client.post(f"/annonces/{listing.id}/republier")
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).status == "published"


def test_draft_then_submit(client):
    alice = make_user()
    org = make_org(alice, status="pending")
    _post(client_logged(client, alice), organization=org.slug, save_draft="1")
    listing = db.session.scalar(db.select(Listing))
    assert listing.status == "draft"
    client.post(f"/annonces/{listing.id}/soumettre")
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).status == "pending"


def test_expired_listings_leave_public_pages_and_owners_get_a_reminder(app, client, runner, outbox):
    alice = make_user()
    org = make_org(alice)
    old = make_listing(alice, org, title="Tente de réception")
    soon = make_listing(alice, org, title="Chaises pliantes")
    old.expires_at = utcnow() - timedelta(minutes=1)
    soon.expires_at = utcnow() + timedelta(days=5)
    db.session.commit()
    assert "Tente de réception" not in client.get("/annonces/").get_data(as_text=True)
    result = runner.invoke(args=["market", "expire-listings"])
    assert "1 annonce(s) expirée(s), 1 rappel(s)" in result.output
    db.session.expire_all()
    assert db.session.get(Listing, old.id).status == "expired"
    messages = outbox()
    assert len(messages) == 1 and "Chaises pliantes" in messages[0]["Subject"]
    assert "1 rappel(s)" not in runner.invoke(args=["market", "expire-listings"]).output  # only once


def test_volunteer_posts_for_themselves(client, outbox):
    response = client.post("/benevole", data={"display_name": "Paul Bénévole", "email": "paul@example.org",
                                              "password": "un mot de passe solide", "confirm": "un mot de passe solide",
                                              "commune": "Cusset", "radius_km": "15", "skills": "conduite; accueil",
                                              "availability": ["evening", "weekend"]})
    assert response.status_code == 302
    client.get(confirmation_path(outbox()[-1]))  # the link of the e-mail confirms the address and logs in
    user = db.session.scalar(db.select(Listing.author.property.mapper.class_))
    assert user.is_volunteer and user.volunteer_profile.radius_km == 15
    assert user.volunteer_profile.availability_list == ["evening", "weekend"]
    _post(client, organization="", kind="offer", category="volunteering", title="Chauffeur le week-end",
          people_needed="1", schedule="samedis")
    listing = db.session.scalar(db.select(Listing))
    assert listing.organization is None and listing.status == "pending"
    assert listing.owner_name == "Paul Bénévole"


def test_pagination_and_filters(client):
    alice = make_user()
    org = make_org(alice)
    for i in range(23):
        make_listing(alice, org, title=f"Chaise numéro {i}", kind="offer" if i % 2 else "need", commune_code=VICHY)
    page1 = client.get("/annonces/").get_data(as_text=True)
    assert "23 annonces" in page1 and "Chaise numéro 22" in page1 and "Chaise numéro 0<" not in page1
    assert "Chaise numéro 0" in client.get("/annonces/?page=2").get_data(as_text=True)
    needs = client.get("/annonces/?kind=need").get_data(as_text=True)
    assert "12 annonces" in needs
    assert "0 annonce" in client.get("/annonces/?commune=Gannat").get_data(as_text=True)
    assert "23 annonces" in client.get("/annonces/?commune=Vichy").get_data(as_text=True)
    assert client.get("/annonces/?page=abc&kind=zzz").status_code == 200


def test_percent_and_underscore_are_searched_literally(client):
    alice = make_user()
    org = make_org(alice)
    make_listing(alice, org, title="Remise de 50% sur les barnums")
    make_listing(alice, org, title="Chaises pliantes")
    from market.listings.queries import public_listings
    found = db.session.scalars(public_listings({"q": "50%"})).all()
    assert [l.title for l in found] == ["Remise de 50% sur les barnums"]
    assert db.session.scalars(public_listings({"q": "%"})).all()[0].title == "Remise de 50% sur les barnums"
    assert db.session.scalars(public_listings({"q": "_"})).all() == []
