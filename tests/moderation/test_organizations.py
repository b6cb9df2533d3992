"""Organisations: coordinators verify newcomers, suspend and reinstate; the public pages follow."""
from market.extensions import db
from market.listings.queries import public_listings
from tests.factories import body_text, make_listing
from tests.moderation.helpers import text


def _public_titles():
    return [l.title for l in db.session.scalars(public_listings({}))]


def test_pending_organisations_are_listed_first(client, as_user, coordinator, verified_org, pending_org):
    as_user(coordinator)
    page = text(client.get("/moderation/structures/"))
    awaiting, _sep, everyone = page.partition("Toutes les structures")
    assert "Jardin de Cocagne de Cusset" in awaiting
    assert "Cinéma du Bourbonnais" not in awaiting
    assert "Cinéma du Bourbonnais" in everyone
    filtered = text(client.get("/moderation/structures/?status=verified"))
    assert "Cinéma du Bourbonnais" in filtered.partition("Toutes les structures")[2]
    assert "Jardin de Cocagne" not in filtered.partition("Toutes les structures")[2]
    searched = text(client.get("/moderation/structures/?q=cinéma")).partition("Toutes les structures")[2]
    assert "Cinéma du Bourbonnais" in searched and "Jardin de Cocagne" not in searched


def test_verify_then_next_listing_publishes_at_once(client, as_user, coordinator, newcomer, pending_org, outbox):
    as_user(coordinator)
    response = client.post(f"/moderation/structures/{pending_org.slug}/verifier", follow_redirects=True)
    assert "est vérifiée" in text(response)
    db.session.refresh(pending_org)
    assert pending_org.status == "verified"
    assert [m["To"] for m in outbox()] == ["bruno@example.org"]  # the admins, not every member
    assert "Jardin de Cocagne de Cusset" in outbox()[0]["Subject"]

    listing = make_listing(newcomer, pending_org, title="Bâche de marché 6 x 3 m")
    assert listing.status == "published"
    assert "Bâche de marché 6 x 3 m" in text(client.get("/annonces/"))


def test_verify_twice_is_refused_politely(client, as_user, coordinator, verified_org):
    as_user(coordinator)
    response = client.post(f"/moderation/structures/{verified_org.slug}/verifier", follow_redirects=True)
    assert response.status_code == 200
    assert "Seule une structure à vérifier peut être vérifiée." in text(response)


def test_suspend_hides_listings_everywhere_and_reinstate_brings_them_back(client, as_user, coordinator, member,
                                                                           verified_org, published_listing, outbox):
    assert "Vidéoprojecteur pour vos soirées" in text(client.get("/annonces/"))
    as_user(coordinator)
    reason = "Structure signalée comme non adhérente à la charte."
    client.post(f"/moderation/structures/{verified_org.slug}/suspendre",
                data={f"suspend-{verified_org.id}-reason": reason})
    db.session.refresh(verified_org)
    assert verified_org.status == "suspended"
    client.post("/deconnexion")
    assert "Vidéoprojecteur pour vos soirées" not in text(client.get("/annonces/"))
    assert "Vidéoprojecteur pour vos soirées" not in _public_titles()
    assert client.get(f"/annonces/{published_listing.id}").status_code == 404
    mail = outbox()
    assert [m["To"] for m in mail] == ["alice@example.org"] and reason in body_text(mail[0])

    as_user(coordinator)
    client.post(f"/moderation/structures/{verified_org.slug}/retablir", data={})
    db.session.refresh(verified_org)
    assert verified_org.status == "verified"
    assert "Vidéoprojecteur pour vos soirées" in _public_titles()
    assert len(outbox()) == 2


def test_suspend_needs_a_reason(client, as_user, coordinator, verified_org, outbox):
    as_user(coordinator)
    response = client.post(f"/moderation/structures/{verified_org.slug}/suspendre",
                           data={f"suspend-{verified_org.id}-reason": ""})
    assert "Indiquez la raison de la suspension." in text(response)
    db.session.refresh(verified_org)
    assert verified_org.status == "verified"
    assert outbox() == []


def test_organisation_page_shows_members_and_decisions(client, as_user, coordinator, pending_org):
    as_user(coordinator)
    page = text(client.get(f"/moderation/structures/{pending_org.slug}"))
    assert page.count("<h1") == 1
    assert "bruno@example.org" in page and "chloe@example.org" in page
    assert "Vérifier la structure" in page and "Suspendre la structure" in page
    assert client.get("/moderation/structures/inconnue").status_code == 404
