"""Bad input gets the right message and a way back: oversized posts, long searches, passwords, spaced e-mails."""
import sqlalchemy as sa

from market.accounts.models import User
from market.extensions import db
from tests.factories import confirmation_path, make_org, make_user
from tests.security.helpers import sign_in

PASSWORD = "un mot de passe solide"


def test_an_oversized_form_gets_a_413_page_about_its_size_with_a_way_back(client):
    alice = make_user()
    org = make_org(alice)
    sign_in(client, alice)
    response = client.post("/annonces/nouvelle", data={"organization": org.slug, "title": "Sono",
                                                        "description": "x" * (6 * 1024 * 1024)},
                           headers={"Referer": "http://localhost/annonces/nouvelle?organization=" + org.slug})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "dépasse 5 Mo" in page and "image" not in page.split("<main", 1)[-1].split("</main>")[0]
    assert 'href="/annonces/nouvelle"' in page
    off_site = client.post("/annonces/nouvelle", data={"description": "x" * (6 * 1024 * 1024)},
                           headers={"Referer": "https://elsewhere.example/annonces/nouvelle"})
    assert off_site.status_code == 413 and "elsewhere.example" not in off_site.get_data(as_text=True)


def test_a_very_long_search_is_cut_and_said(client):
    response = client.get("/annonces/", query_string={"q": "sono " * 1000})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "seuls ses 200 premiers caractères ont été cherchés" in page
    assert "seuls ses 200" not in client.get("/annonces/", query_string={"q": "sono"}).get_data(as_text=True)


def test_the_search_boxes_say_their_limit_to_the_browser(client):
    for url in ("/", "/annonces/", "/annuaire/"):
        page = client.get(url).get_data(as_text=True)
        assert 'name="q" maxlength="200"' in page, url


def test_a_too_long_password_is_told_its_maximum_not_its_minimum(client):
    response = client.post("/inscription", data={"display_name": "Alice", "email": "alice@example.org",
                                                  "password": "p" * 201, "confirm": "p" * 201})
    page = response.get_data(as_text=True)
    assert "au plus 200 caractères" in page and "au moins 10 caractères" not in page
    assert db.session.scalar(sa.select(User)) is None


def test_an_email_with_spaces_around_it_is_trimmed_on_sign_up_and_login(client, app, outbox):
    response = client.post("/inscription", data={"display_name": "Alice", "email": "  alice@example.org \t",
                                                  "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(User.email)) == "alice@example.org"
    client.get(confirmation_path(outbox()[-1]))
    other = app.test_client()
    assert other.post("/connexion", data={"email": " alice@example.org ", "password": PASSWORD}).status_code == 302
