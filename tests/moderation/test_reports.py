"""Reports: members flag a listing or an organisation; enough of them hide a listing until a coordinator decides."""
import sqlalchemy as sa

from market.extensions import db
from market.listings.queries import public_listings
from market.moderation.models import Report
from tests.factories import body_text
from tests.moderation.helpers import text

REPORT_URL = "/moderation/signaler/annonce/{}"


def _public_titles():
    return [l.title for l in db.session.scalars(public_listings({}))]


def _report(client, as_user, user, listing, reason="wrong_information", details="La sono est en panne depuis un an."):
    as_user(user)
    return client.post(REPORT_URL.format(listing.id), data={"reason": reason, "text": details})


def test_report_form_is_shown_to_a_logged_in_member(client, as_user, readers, published_listing):
    as_user(readers[0])
    page = text(client.get(REPORT_URL.format(published_listing.id)))
    assert page.count("<h1") == 1
    assert "Vidéoprojecteur pour vos soirées" in page
    assert "Informations erronées" in page and "Hors ESS" in page
    assert "<fieldset" in page and "<legend" in page


def test_three_reports_from_three_people_hide_a_listing(client, as_user, readers, published_listing):
    for reader in readers[:2]:
        assert _report(client, as_user, reader, published_listing).status_code == 302
    db.session.refresh(published_listing)
    assert not published_listing.hidden
    assert "Vidéoprojecteur pour vos soirées" in _public_titles()

    _report(client, as_user, readers[2], published_listing)
    db.session.refresh(published_listing)
    assert published_listing.hidden
    assert "Vidéoprojecteur pour vos soirées" not in _public_titles()
    client.post("/deconnexion")
    assert "Vidéoprojecteur pour vos soirées" not in text(client.get("/annonces/"))


def test_the_same_person_twice_counts_once(client, as_user, readers, published_listing):
    _report(client, as_user, readers[0], published_listing)
    response = _report(client, as_user, readers[0], published_listing, reason="offensive", details="")
    assert response.status_code == 200
    assert "Vous avez déjà signalé ce contenu" in text(response)
    _report(client, as_user, readers[1], published_listing)
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 2
    db.session.refresh(published_listing)
    assert not published_listing.hidden
    assert "Vous avez déjà signalé ce contenu" in text(client.get(REPORT_URL.format(published_listing.id)))


def test_threshold_comes_from_the_configuration(app, client, as_user, readers, published_listing):
    app.config["REPORTS_TO_HIDE"] = 2
    try:
        _report(client, as_user, readers[0], published_listing)
        _report(client, as_user, readers[1], published_listing)
    finally:
        app.config["REPORTS_TO_HIDE"] = 3
    db.session.refresh(published_listing)
    assert published_listing.hidden


def test_reason_other_needs_an_explanation(client, as_user, readers, published_listing):
    response = _report(client, as_user, readers[0], published_listing, reason="other", details=" ")
    assert response.status_code == 200
    page = text(response)
    assert "Expliquez en quelques mots ce qui ne va pas" in page
    assert 'id="text-error"' in page
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 0


def test_one_cannot_report_ones_own_listing_nor_anonymously(client, as_user, member, published_listing):
    assert client.get(REPORT_URL.format(published_listing.id)).status_code == 302
    assert "/connexion" in client.get(REPORT_URL.format(published_listing.id)).headers["Location"]
    response = _report(client, as_user, member, published_listing)
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(Report.id))) == 0


def test_a_hidden_or_unknown_listing_cannot_be_reported(client, as_user, readers, pending_listing):
    as_user(readers[0])
    assert client.get(REPORT_URL.format(pending_listing.id)).status_code == 404
    assert client.get(REPORT_URL.format(999999)).status_code == 404


def _hide(client, as_user, readers, listing):
    for reader in readers[:3]:
        _report(client, as_user, reader, listing)
    db.session.refresh(listing)
    assert listing.hidden


def test_coordinator_sees_reports_grouped_by_target(client, as_user, coordinator, readers, published_listing,
                                                    verified_org, pending_org):
    _hide(client, as_user, readers, published_listing)
    as_user(readers[3])
    assert client.get(f"/moderation/signaler/structure/{pending_org.slug}").status_code == 404  # not public yet
    client.post(f"/moderation/signaler/structure/{verified_org.slug}", data={"reason": "not_ess", "text": ""})
    as_user(coordinator)
    page = text(client.get("/moderation/signalements/"))
    assert page.count("Annonce : Vidéoprojecteur pour vos soirées") == 1
    assert "3 personnes ont signalé ce contenu." in page
    assert "Structure : Cinéma du Bourbonnais" in page
    assert "La sono est en panne depuis un an." in page and "Lecteur 1" in page
    assert "masquée en attendant votre décision" in page


def test_uphold_withdraws_the_listing(client, as_user, coordinator, readers, published_listing, outbox):
    _hide(client, as_user, readers, published_listing)
    as_user(coordinator)
    note = "Le matériel n'existe plus : annonce retirée."
    key = f"decide-listing-{published_listing.id}"
    response = client.post(f"/moderation/signalements/annonce/{published_listing.id}",
                           data={f"{key}-decision": "uphold", f"{key}-note": note}, follow_redirects=True)
    assert "est retirée" in text(response)
    db.session.refresh(published_listing)
    assert published_listing.status == "closed" and published_listing.close_reason == "withdrawn"
    assert published_listing.hidden
    assert {r.status for r in db.session.scalars(sa.select(Report))} == {"upheld"}
    assert all(r.resolved_by_id == coordinator.id for r in db.session.scalars(sa.select(Report)))
    assert "Vidéoprojecteur pour vos soirées" not in _public_titles()
    mail = outbox()
    assert [m["To"] for m in mail] == ["alice@example.org"] and note in body_text(mail[0])
    assert "Aucun signalement ouvert." in text(client.get("/moderation/signalements/"))


def test_uphold_needs_an_explanation(client, as_user, coordinator, readers, published_listing):
    _hide(client, as_user, readers, published_listing)
    as_user(coordinator)
    key = f"decide-listing-{published_listing.id}"
    response = client.post(f"/moderation/signalements/annonce/{published_listing.id}",
                           data={f"{key}-decision": "uphold", f"{key}-note": ""})
    assert "Expliquez pourquoi le contenu est retiré" in text(response)
    db.session.refresh(published_listing)
    assert published_listing.status == "published"


def test_dismiss_shows_the_listing_again(client, as_user, coordinator, readers, published_listing):
    _hide(client, as_user, readers, published_listing)
    as_user(coordinator)
    key = f"decide-listing-{published_listing.id}"
    client.post(f"/moderation/signalements/annonce/{published_listing.id}", data={f"{key}-decision": "dismiss"})
    db.session.refresh(published_listing)
    assert not published_listing.hidden and published_listing.status == "published"
    assert {r.status for r in db.session.scalars(sa.select(Report))} == {"dismissed"}
    assert "Vidéoprojecteur pour vos soirées" in _public_titles()
    # a reporter may report again once the first report is closed, and it counts afresh
    assert _report(client, as_user, readers[0], published_listing).status_code == 302
    db.session.refresh(published_listing)
    assert not published_listing.hidden


def test_organisation_reports(client, as_user, coordinator, member, readers, verified_org):
    url = f"/moderation/signaler/structure/{verified_org.slug}"
    as_user(member)
    assert client.get(url).status_code == 403  # one's own organisation
    as_user(readers[0])
    assert client.post(url, data={"reason": "not_ess", "text": "Entreprise commerciale classique."}).status_code == 302
    as_user(coordinator)
    key = f"decide-organization-{verified_org.id}"
    client.post(f"/moderation/signalements/structure/{verified_org.slug}",
                data={f"{key}-decision": "uphold", f"{key}-note": "Vérifié : à suspendre."})
    report = db.session.scalar(sa.select(Report))
    assert report.status == "upheld"
    db.session.refresh(verified_org)
    assert verified_org.status == "verified"  # suspending stays a separate decision
