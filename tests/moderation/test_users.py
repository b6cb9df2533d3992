"""Accounts: a coordinator suspends a person, who can no longer log in and whose listings vanish."""
from market.extensions import db
from market.listings.queries import public_listings
from tests.factories import login
from tests.moderation.helpers import text


def _public_titles():
    return [l.title for l in db.session.scalars(public_listings({}))]


def test_suspended_user_cannot_log_in_and_their_listings_vanish(client, as_user, coordinator, member,
                                                                 published_listing):
    as_user(coordinator)
    response = client.post(f"/moderation/comptes/{member.id}/suspendre",
                           data={"suspend-reason": "Annonces frauduleuses répétées."}, follow_redirects=True)
    assert "est suspendu" in text(response)
    db.session.refresh(member)
    assert member.status == "suspended"
    assert "Vidéoprojecteur pour vos soirées" not in _public_titles()
    client.post("/deconnexion")
    assert "Vidéoprojecteur pour vos soirées" not in text(client.get("/annonces/"))

    response = login(client, member)
    assert response.status_code == 200  # the login form again, not the dashboard
    assert "Adresse e-mail ou mot de passe incorrect." in text(response)
    assert client.get("/moderation/signaler/annonce/1").status_code == 302  # still anonymous

    as_user(coordinator)
    client.post(f"/moderation/comptes/{member.id}/retablir", data={})
    db.session.refresh(member)
    assert member.status == "active"
    assert "Vidéoprojecteur pour vos soirées" in _public_titles()
    client.post("/deconnexion")
    assert login(client, member).status_code == 302


def test_a_coordinator_cannot_suspend_themselves(client, as_user, coordinator):
    as_user(coordinator)
    page = text(client.get(f"/moderation/comptes/{coordinator.id}"))
    assert "Vous ne pouvez pas suspendre votre propre compte." in page
    response = client.post(f"/moderation/comptes/{coordinator.id}/suspendre",
                           data={"suspend-reason": "Essai"}, follow_redirects=True)
    assert "Vous ne pouvez pas suspendre votre propre compte." in text(response)
    db.session.refresh(coordinator)
    assert coordinator.status == "active"


def test_users_list_searches_by_name_and_status(client, as_user, coordinator, member, newcomer):
    as_user(coordinator)
    page = text(client.get("/moderation/comptes/?q=bruno"))
    assert "bruno@example.org" in page and "alice@example.org" not in page
    client.post(f"/moderation/comptes/{member.id}/suspendre", data={"suspend-reason": "Spam"})
    page = text(client.get("/moderation/comptes/?status=suspended"))
    assert "alice@example.org" in page and "bruno@example.org" not in page


def test_suspend_user_needs_a_reason(client, as_user, coordinator, member):
    as_user(coordinator)
    response = client.post(f"/moderation/comptes/{member.id}/suspendre", data={"suspend-reason": ""})
    assert "Indiquez la raison de la suspension." in text(response)
    db.session.refresh(member)
    assert member.status == "active"


def test_a_session_opened_before_the_suspension_cannot_report_or_moderate(client, as_user, coordinator, readers,
                                                                          published_listing):
    from market.moderation import services
    as_user(readers[0])
    services.suspend_user(coordinator, readers[0], "Signalements abusifs.")
    db.session.commit()
    url = f"/moderation/signaler/annonce/{published_listing.id}"
    assert client.get(url).status_code in (302, 403)  # 302 once the user loader refuses suspended accounts
    assert client.post(url, data={"reason": "offensive", "text": ""}).status_code in (302, 403)
    assert not published_listing.hidden and services.open_reports(published_listing) == []
