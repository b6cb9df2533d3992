"""The moderation queue: pending listings are checked by a coordinator before anyone sees them."""
import sqlalchemy as sa

from market.extensions import db
from market.listings.queries import public_listings
from market.signals import listing_published, moderation_decided
from tests.factories import body_text, make_listing, make_user
from tests.moderation.helpers import text


def _public_titles():
    return [l.title for l in db.session.scalars(public_listings({}))]


def test_unverified_listing_waits_then_coordinator_approves_it(client, as_user, coordinator, newcomer, pending_org):
    as_user(newcomer)
    response = client.post("/annonces/nouvelle", data={
        "organization": pending_org.slug, "kind": "offer", "category": "equipment",
        "title": "Broyeur de végétaux à prêter", "description": "Un broyeur thermique, prêté avec sa notice.",
        "commune": "Cusset", "terms": "loan", "quantity": "1"})
    assert response.status_code == 302
    from market.listings.models import Listing
    listing = db.session.scalar(sa.select(Listing).where(Listing.title == "Broyeur de végétaux à prêter"))
    assert listing.status == "pending"
    assert "Broyeur de végétaux" not in text(client.get("/annonces/"))
    client.post("/deconnexion")
    assert client.get(f"/annonces/{listing.id}").status_code == 404

    as_user(coordinator)
    page = text(client.get("/moderation/"))
    assert "Broyeur de végétaux à prêter" in page
    assert "Un broyeur thermique, prêté avec sa notice." in page
    assert "Jardin de Cocagne de Cusset" in page and "À vérifier" in page

    published, decided = [], []
    with listing_published.connected_to(lambda s, **k: published.append(s)), \
            moderation_decided.connected_to(lambda s, **k: decided.append(k["action"])):
        response = client.post(f"/moderation/annonces/{listing.id}/approuver", follow_redirects=True)
    assert "approuvée" in text(response)
    db.session.refresh(listing)
    assert listing.status == "published" and listing.published_at is not None
    assert published == [listing] and decided == ["listing_approved"]
    assert "Broyeur de végétaux à prêter" in _public_titles()
    client.post("/deconnexion")
    assert "Broyeur de végétaux à prêter" in text(client.get("/annonces/"))


def test_reject_with_reason_owner_sees_it_and_every_member_gets_an_email(client, as_user, coordinator, newcomer,
                                                                          pending_listing, outbox):
    as_user(coordinator)
    reason = "Une annonce de vente de particulier ne relève pas du réseau ESS."
    response = client.post(f"/moderation/annonces/{pending_listing.id}/refuser",
                           data={f"reject-{pending_listing.id}-reason": reason}, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(pending_listing)
    assert pending_listing.status == "rejected"
    assert pending_listing.moderation_note == reason
    assert pending_listing.title not in _public_titles()

    messages = outbox()
    assert sorted(m["To"] for m in messages) == ["bruno@example.org", "chloe@example.org"]
    assert all(reason in body_text(m) for m in messages)
    assert "Broyeur de végétaux à prêter" in messages[0]["Subject"]

    as_user(newcomer)
    page = text(client.get(f"/annonces/{pending_listing.id}"))
    assert reason in page


def test_reject_of_an_individual_volunteer_emails_the_author(client, as_user, coordinator, outbox):
    volunteer = make_user("dora@example.org", "Dora Bénévole", volunteer=True)
    listing = make_listing(volunteer, None, title="Coup de main en comptabilité", category="skill",
                           skill_domain="accounting", kind="offer", terms="free")
    assert listing.status == "pending"
    as_user(coordinator)
    client.post(f"/moderation/annonces/{listing.id}/refuser", data={f"reject-{listing.id}-reason": "Doublon."})
    assert [m["To"] for m in outbox()] == ["dora@example.org"]


def test_reject_needs_a_reason(client, as_user, coordinator, pending_listing, outbox):
    as_user(coordinator)
    response = client.post(f"/moderation/annonces/{pending_listing.id}/refuser",
                           data={f"reject-{pending_listing.id}-reason": "   "})
    page = text(response)
    assert "Indiquez la raison du refus." in page
    assert f'id="reject-{pending_listing.id}-reason-error"' in page
    db.session.refresh(pending_listing)
    assert pending_listing.status == "pending"
    assert outbox() == []


def test_request_changes_then_owner_edits_and_it_comes_back_to_the_queue(client, as_user, coordinator, newcomer,
                                                                           pending_org, pending_listing, outbox):
    as_user(coordinator)
    note = "Précisez les conditions de prêt (caution, durée)."
    client.post(f"/moderation/annonces/{pending_listing.id}/demander-modifications",
                data={f"changes-{pending_listing.id}-note": note})
    db.session.refresh(pending_listing)
    assert pending_listing.status == "changes_requested"
    assert pending_listing.moderation_note == note
    messages = outbox()
    assert len(messages) == 2 and all(note in body_text(m) for m in messages)
    assert f"/annonces/{pending_listing.id}/modifier" in body_text(messages[0])
    assert f"listing-{pending_listing.id}-title" not in text(client.get("/moderation/"))

    as_user(newcomer)
    assert note in text(client.get(f"/annonces/{pending_listing.id}"))
    response = client.post(f"/annonces/{pending_listing.id}/modifier", data={
        "organization": pending_org.slug, "kind": "offer", "category": "equipment",
        "title": "Broyeur de végétaux à prêter", "terms": "loan", "quantity": "1", "commune": "Cusset",
        "description": "Un broyeur thermique, prêté une semaine avec sa notice ; caution de 100 €."})
    assert response.status_code == 302
    db.session.refresh(pending_listing)
    assert pending_listing.status == "pending"

    as_user(coordinator)
    page = text(client.get("/moderation/"))
    assert "caution de 100 €" in page
    assert note in page  # the previous request is shown next to the new version


def test_a_refused_transition_is_a_message_not_an_error(client, as_user, coordinator, published_listing):
    as_user(coordinator)
    response = client.post(f"/moderation/annonces/{published_listing.id}/approuver", follow_redirects=True)
    assert response.status_code == 200
    assert "Cette décision n'est pas possible" in text(response)
    response = client.post(f"/moderation/annonces/{published_listing.id}/refuser",
                           data={f"reject-{published_listing.id}-reason": "Trop tard"}, follow_redirects=True)
    assert "Cette décision n'est pas possible" in text(response)
    db.session.refresh(published_listing)
    assert published_listing.status == "published"


def test_queue_page_is_accessible_markup(client, as_user, coordinator, pending_listing):
    as_user(coordinator)
    page = text(client.get("/moderation/"))
    assert page.count("<h1") == 1
    assert f'<label class="form-label" for="reject-{pending_listing.id}-reason">' in page
    assert "<legend" in page
    assert 'name="next"' in page


def test_listing_page_for_a_coordinator_shows_history(client, as_user, coordinator, pending_listing):
    as_user(coordinator)
    client.post(f"/moderation/annonces/{pending_listing.id}/demander-modifications",
                data={f"changes-{pending_listing.id}-note": "Ajoutez une photo de la notice."})
    page = text(client.get(f"/moderation/annonces/{pending_listing.id}"))
    assert page.count("<h1") == 1
    assert "Modifications demandées" in page and "Ajoutez une photo de la notice." in page
    assert "Camille Coordination" in page
