"""Nothing typed lost, no wrong message: a too-large form, a too-long search, a message typed in a conversation."""
import os

from tests.security.helpers import call, sign_in

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


def test_a_ten_megabyte_description_gets_a_page_about_size_with_a_way_back(client, world):
    sign_in(client, world["owner"])
    response = client.post("/annonces/nouvelle", data={"title": "Barnum", "description": "x" * (10 * 1024 * 1024)})
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    main = html[html.index("<main"):html.index("</main>")]
    assert "Envoi trop volumineux" in main and "5 Mo" in main and "image" not in main.lower()
    assert 'href="/annonces/nouvelle"' in html and "Revenir au formulaire" in html


def test_text_fields_say_their_length_in_the_page(client, world):
    sign_in(client, world["owner"])
    html = call(client, "GET", "/annonces/nouvelle").get_data(as_text=True)
    assert 'name="title"' in html and 'maxlength="' in html
    for name in ("title", "description", "price", "tags"):
        tag = html[html.index(f'name="{name}"') - 400:html.index(f'name="{name}"') + 400]
        assert "maxlength" in tag, name


def test_a_five_thousand_character_search_is_cut_with_a_french_word(client):
    for url in ("/annonces/", "/annuaire/"):
        response = call(client, "GET", url + "?q=" + "sono " * 1000)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Votre recherche était trop longue" in html, url
        assert 'maxlength="200"' in html


def test_gunicorn_reads_long_request_lines():
    """Its default (4094) answers a long address with a raw English page before the app can speak."""
    namespace = {}
    with open(os.path.join(ROOT, "gunicorn.conf.py"), encoding="utf-8") as handle:
        exec(compile(handle.read(), "gunicorn.conf.py", "exec"), namespace)
    assert namespace["limit_request_line"] >= 8190


def test_the_draft_script_keeps_saves_restores_and_forgets():
    with open(os.path.join(ROOT, "static", "js", "drafts.js"), encoding="utf-8") as handle:
        script = handle.read()
    assert "localStorage" in script and "message-" in script
    assert "removeItem" in script and "setItem" in script
