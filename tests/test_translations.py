"""The English catalogue covers every French msgid, keeps its placeholders, and the language switch works."""
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser

import pytest
from flask import g, request_started
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDER = os.path.join(ROOT, "market", "translations", "en", "LC_MESSAGES")
PO = os.path.join(FOLDER, "messages.po")
# %(name)s, %(num)d, %% ... and a lone % (which would break "..." % variables)
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0\- +]*\d*(?:\.\d+)?[a-zA-Z%]|%")


def _read(path):
    with open(path, "rb") as fh:
        return read_po(fh)


def _ids(message) -> tuple:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="session")
def catalogue():
    return _read(PO)


@pytest.fixture(scope="session", autouse=True)
def english_mo(catalogue, app):
    """Compile the .po next to it (what scripts/setup does), so these tests never see a stale .mo."""
    path = os.path.join(FOLDER, "messages.mo")
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as fh:
        write_mo(fh, catalogue)
    os.replace(tmp, path)
    with app.app_context():  # forget a catalogue loaded before (cached per locale)
        app.extensions["babel"].instance.domain_instance.cache.clear()
    return path


def _forget_locale(sender, **extra):
    g.pop("_flask_babel", None)


@pytest.fixture(autouse=True)
def _fresh_locale_per_request(app):
    """Tests share one app context (so one `g`) across requests, where Flask-Babel caches the locale:
    forget it per request, as a real server does, or a language switch would not show until the next test."""
    request_started.connect(_forget_locale, app)
    yield
    request_started.disconnect(_forget_locale, app)


@pytest.fixture(scope="session")
def extracted(tmp_path_factory):
    """The msgids in the code today, extracted by the same command as `scripts/translations extract`."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    env = {**os.environ, "TRANSLATIONS_POT": str(pot),
           "PYBABEL": os.path.join(os.path.dirname(sys.executable), "pybabel")}
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "translations"), "extract"],
                   check=True, env=env, capture_output=True, timeout=60)
    return _read(pot)


def test_every_msgid_of_the_code_has_an_english_translation(extracted, catalogue):
    missing = []
    for message in extracted:
        if not message.id:
            continue
        found = catalogue.get(message.id, message.context)
        if found is None or _ids(found) != _ids(message) or not all(_strings(found)) or found.fuzzy:
            missing.append(_ids(message)[0])
    assert len(list(extracted)) > 500  # the extraction did find the templates and the code
    assert not missing, ("Untranslated msgids: run scripts/translations update and translate these in "
                         f"{os.path.relpath(PO, ROOT)}:\n" + "\n".join(missing))


def test_no_fuzzy_or_empty_entry_is_left(catalogue):
    bad = [_ids(m)[0] for m in catalogue if m.id and (m.fuzzy or not all(_strings(m)))]
    assert not bad, "Fuzzy or empty (ignored at compile time):\n" + "\n".join(bad)


def test_placeholders_are_the_same_in_french_and_english(catalogue):
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        ids, strings = _ids(message), _strings(message)
        if len(ids) == 2:  # plural: msgstr[0] follows msgid, msgstr[1] follows msgid_plural
            pairs = [(ids[0], strings[0]), (ids[1], strings[1])]
        else:
            pairs = [(ids[0], strings[0])]
        for source, target in pairs:
            if _placeholders(source) != _placeholders(target):
                wrong.append(f"{source!r} -> {target!r}")
    assert not wrong, "Placeholders differ (a wrong %(name)s crashes at run time):\n" + "\n".join(wrong)


def test_catalogue_compiles_without_errors(catalogue, english_mo):
    errors = [f"{m.id!r}: {e}" for m, errs in catalogue.check() for e in errs]
    assert not errors, "\n".join(errors)
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"
    assert os.path.getsize(english_mo) > 10_000


class _Text(HTMLParser):
    """The text a person sees (no script/style), and the <html lang>."""

    def __init__(self):
        super().__init__()
        self.parts, self.lang, self._skip = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _page(response):
    parser = _Text()
    parser.feed(response.get_data(as_text=True))
    return parser.lang, re.sub(r"\s+", " ", " ".join(parser.parts))


def _french_left(text, catalogue):
    """Long French msgids shown as such on an English page (short ones may equal their English)."""
    return [m.id for m in catalogue
            if m.id and isinstance(m.id, str) and len(m.id) > 20 and "%" not in m.id and m.id in text]


def _switch(client, lang, next_url="/annonces/"):
    response = client.post("/langue", data={"lang": lang, "next": next_url}, follow_redirects=True)
    assert response.status_code == 200
    return response


def test_public_pages_in_english(client, catalogue):
    lang, text = _page(_switch(client, "en"))
    assert lang == "en"
    assert "The network's offers and needs" in text and "Skip to content" in text
    assert "Offres et besoins" not in text
    for url, expected, status in [("/", "Latest listings", 200), ("/connexion", "Forgotten your password?", 200),
                                  ("/charte", "The network's charter of commitment", 200),
                                  ("/accessibilite", "Accessibility statement", 200),
                                  ("/page-qui-n-existe-pas", "Page not found", 404)]:
        response = client.get(url)
        lang, text = _page(response)
        assert response.status_code == status, url
        assert lang == "en", url
        assert expected in text, url
        assert "Log in" in text and "Create an account" in text, url
        assert not _french_left(text, catalogue), url


def test_form_errors_in_english_after_a_failed_login(client):
    from tests.factories import make_user
    make_user("alice@example.org")
    _switch(client, "en", "/connexion")
    _lang, text = _page(client.post("/connexion", data={"email": "alice@example.org", "password": "wrong one"}))
    assert "Incorrect e-mail address or password." in text
    _lang, text = _page(client.post("/connexion", data={"email": "not-an-address", "password": ""}))
    assert "The form contains errors" in text
    assert "Enter a valid e-mail address, for example name@example.org." in text
    assert "Enter your password." in text
    assert "Saisissez" not in text


def test_member_pages_in_english_and_back_to_french(client, catalogue):
    from tests.factories import login, make_user
    make_user("alice@example.org", "Alice Martin")
    login(client, "alice@example.org")
    _switch(client, "en")
    _lang, text = _page(client.get("/mon-espace"))
    assert "Hello Alice Martin." in text and "My space" in text and "Log out" in text
    assert not _french_left(text, catalogue)

    lang, text = _page(_switch(client, "fr", "/mon-espace"))
    assert lang == "fr"
    assert "Bonjour Alice Martin." in text and "Se déconnecter" in text
    assert "Log out" not in text
