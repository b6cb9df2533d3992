"""The notifications pages: list, unread count, mark read, preferences, unsubscribe page."""
import sqlalchemy as sa
from flask import render_template_string
from flask_login import login_user

from market.extensions import db
from market.notifications.models import Notification
from market.notifications.services import notify, preferences
from market.notifications.tokens import make_token
from tests.factories import login, make_user


def _two_notices(user):
    notify(user, "message", "Nouveau message de la Ressourcerie", "/annonces/1", body="Les chaises sont prêtes.")
    notify(user, "booking", "Réservation acceptée", "/annonces/2")
    db.session.commit()


def test_unread_count_for_the_header(app):
    user = make_user()
    _two_notices(user)
    with app.test_request_context():
        assert render_template_string("{{ unread_notifications_count() }}") == "0"  # anonymous
        login_user(user)
        assert render_template_string("{{ unread_notifications_count() }}") == "2"


def test_list_open_and_mark_all_read(client):
    user = make_user()
    _two_notices(user)
    login(client, user)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Nouveau message de la Ressourcerie" in page and "Les chaises sont prêtes." in page
    assert page.count("Non lue") == 2
    notice_id = db.session.scalar(sa.select(Notification.id).where(Notification.title == "Réservation acceptée"))
    response = client.post(f"/notifications/{notice_id}/ouvrir")
    assert response.status_code == 302 and response.headers["Location"] == "/annonces/2"
    assert client.get("/notifications").get_data(as_text=True).count("Non lue") == 1
    client.post("/notifications/lues")
    assert "Non lue" not in client.get("/notifications").get_data(as_text=True)


def test_someone_elses_notice_cannot_be_opened(client):
    owner, other = make_user(), make_user("bob@example.org", "Bob")
    notice = notify(owner, "message", "Privé", "/annonces/1")
    db.session.commit()
    login(client, other)
    assert client.post(f"/notifications/{notice.id}/ouvrir").status_code == 404


def test_preferences_page_saves_channels_and_frequency(client):
    user = make_user()
    login(client, user)
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert "Mes préférences de notification" in page and "Une fois par jour" in page
    client.post("/notifications/preferences", data={"in_app": "y", "email_frequency": "weekly", "newsletter": "y"})
    db.session.expire_all()
    prefs = preferences(user)
    assert (prefs.in_app, prefs.email, prefs.email_frequency, prefs.newsletter, prefs.urgent_calls) == \
        (True, False, "weekly", True, False)
    _two_notices(user)
    assert "Nouveau message" in client.get("/notifications").get_data(as_text=True)


def test_in_app_off_hides_notices_from_the_list(client):
    user = make_user()
    login(client, user)
    client.post("/notifications/preferences", data={"email": "y", "email_frequency": "immediately"})
    _two_notices(user)
    assert "Aucune notification" in client.get("/notifications").get_data(as_text=True)


def test_unsubscribe_link_asks_once_and_needs_no_login(client):
    user = make_user()
    token = make_token(user.id, "digest")
    page = client.get(f"/desabonnement/{token}").get_data(as_text=True)
    assert "Ne plus recevoir la lettre du réseau ?" in page
    assert preferences(user).newsletter is True  # a GET (link preview, mail scanner) changes nothing
    done = client.post(f"/desabonnement/{token}").get_data(as_text=True)
    assert "vous ne recevrez plus la lettre du réseau" in done
    db.session.expire_all()
    assert preferences(user).newsletter is False and preferences(user).email is True
    assert client.get("/desabonnement/forged-token").status_code == 404


def test_one_click_unsubscribe_works_with_csrf_protection_on(app, client):
    user = make_user()
    token = make_token(user.id, "notices")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/desabonnement/{token}", data={"List-Unsubscribe": "One-Click"})
        refused = client.post("/notifications/preferences", data={"email_frequency": "daily"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 200 and refused.status_code in (302, 400)  # the rest stays protected
    db.session.expire_all()
    assert preferences(user).email is False
