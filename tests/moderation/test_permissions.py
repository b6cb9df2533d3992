"""Who may open each moderation page: anonymous → login, member → 403, coordinator → the page."""
import pytest

from market.moderation import services
from market.moderation.forms import ConfirmForm, RejectForm, ReportForm
from tests.moderation.helpers import text

COORDINATOR_PAGES = [
    "/moderation/", "/moderation/annonces/{pending}", "/moderation/structures/", "/moderation/structures/{org}",
    "/moderation/comptes/", "/moderation/comptes/{member}", "/moderation/signalements/", "/moderation/journal/",
    "/moderation/journal.csv",
]
COORDINATOR_ACTIONS = [
    "/moderation/annonces/{pending}/approuver", "/moderation/annonces/{pending}/refuser",
    "/moderation/annonces/{pending}/demander-modifications", "/moderation/structures/{org}/verifier",
    "/moderation/structures/{org}/suspendre", "/moderation/structures/{org}/retablir",
    "/moderation/comptes/{member}/suspendre", "/moderation/comptes/{member}/retablir",
    "/moderation/signalements/annonce/{published}", "/moderation/signalements/structure/{verified}",
]
MEMBER_PAGES = ["/moderation/signaler/annonce/{published}", "/moderation/signaler/structure/{verified}"]


@pytest.fixture
def urls(member, pending_org, pending_listing, verified_org, published_listing):
    values = {"pending": pending_listing.id, "org": pending_org.slug, "member": member.id,
              "published": published_listing.id, "verified": verified_org.slug}
    return lambda template: template.format(**values)


@pytest.mark.parametrize("template", COORDINATOR_PAGES + MEMBER_PAGES)
def test_anonymous_get_goes_to_login(client, urls, template):
    response = client.get(urls(template))
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("template", COORDINATOR_ACTIONS + MEMBER_PAGES)
def test_anonymous_post_goes_to_login(client, urls, template):
    response = client.post(urls(template), data={})
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("template", COORDINATOR_PAGES)
def test_member_gets_403_on_coordinator_pages(client, as_user, readers, urls, template):
    as_user(readers[0])
    response = client.get(urls(template))
    assert response.status_code == 403
    assert "Accès refusé" in text(response)


@pytest.mark.parametrize("template", COORDINATOR_ACTIONS)
def test_member_cannot_take_decisions(client, as_user, readers, urls, pending_listing, template):
    as_user(readers[0])
    assert client.post(urls(template), data={"reject-1-reason": "x", "suspend-reason": "x"}).status_code == 403
    assert pending_listing.status == "pending"


@pytest.mark.parametrize("template", MEMBER_PAGES)
def test_member_may_open_report_forms(client, as_user, readers, urls, template):
    as_user(readers[0])
    assert client.get(urls(template)).status_code == 200


@pytest.mark.parametrize("template", COORDINATOR_PAGES + MEMBER_PAGES)
def test_coordinator_opens_every_page(client, as_user, coordinator, urls, template):
    as_user(coordinator)
    response = client.get(urls(template))
    assert response.status_code == 200
    if response.mimetype == "text/html":
        assert text(response).count("<h1") == 1


@pytest.mark.parametrize("template", COORDINATOR_ACTIONS)
def test_coordinator_decisions_come_back_to_a_page(client, as_user, coordinator, urls, template):
    as_user(coordinator)
    response = client.post(urls(template), data={})
    assert response.status_code in (200, 302)  # 200: the form again with its error, 302: decided or refused
    if response.status_code == 302:
        assert "/connexion" not in response.headers["Location"]


def test_services_refuse_non_coordinators(member, readers, pending_listing, pending_org):
    for call in (lambda: services.approve_listing(readers[0], pending_listing),
                 lambda: services.reject_listing(readers[0], pending_listing, "Non"),
                 lambda: services.request_changes(readers[0], pending_listing, "Non"),
                 lambda: services.verify_organization(readers[0], pending_org),
                 lambda: services.suspend_organization(readers[0], pending_org, "Non"),
                 lambda: services.reinstate_organization(readers[0], pending_org),
                 lambda: services.suspend_user(readers[0], member, "Non"),
                 lambda: services.reinstate_user(readers[0], member),
                 lambda: services.decide_reports(readers[0], pending_listing, True, "Non")):
        with pytest.raises(services.NotAllowed):
            call()
    assert pending_listing.status == "pending" and pending_org.status == "pending"


def test_forms_render_the_csrf_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        with app.test_request_context("/moderation/"):
            for form in (ConfirmForm(prefix="approve-1"), RejectForm(prefix="reject-1"), ReportForm()):
                assert "csrf_token" in form.csrf_token()
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_post_without_csrf_token_is_refused_when_protection_is_on(app, client, as_user, coordinator, pending_listing):
    as_user(coordinator)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/moderation/annonces/{pending_listing.id}/approuver", data={})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert pending_listing.status == "pending"
