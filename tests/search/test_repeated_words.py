"""A word typed again and again, up to the search box's 200 characters, finds what the word finds once
(on both search backends)."""
import pytest

from market.listings.queries import SEARCH_MAX_CHARS, clean_search
from tests.factories import make_listing, make_org, make_user

WORDS = ["salle", "notre", "votre", "accessibilité", "tables", "Vidéoprojecteur", "minibus", "de", "pour"]


@pytest.fixture
def listings():
    user = make_user("asso@example.org", "Asso")
    org = make_org(user, name="Foyer rural")
    make_listing(user, org, title="Salle de notre foyer", description="Pour vos réunions, accessibilité totale.")
    make_listing(user, org, title="Tables pliantes", description="Votre fête mérite de bonnes tables.")
    make_listing(user, org, title="Vidéoprojecteur et écran", description="Pour notre ciné-club.", category="equipment")
    make_listing(user, org, kind="need", title="Minibus pour samedi", description="Notre minibus est en panne.")


def _total(client, q, path="/api/v1/listings"):
    response = client.get(path, query_string={"q": q})
    assert response.status_code == 200
    return response.get_json()["total"]


def _box(word, separator=" "):
    """What the search box holds when the word is typed until it stops: its maxlength cuts the last one."""
    return ((word + separator) * SEARCH_MAX_CHARS)[:SEARCH_MAX_CHARS]


@pytest.mark.parametrize("word", WORDS)
def test_a_repeated_word_finds_what_the_word_finds(search_backend, client, listings, word):
    once = _total(client, word)
    for times in (2, 3, 8, 9, 20):
        assert _total(client, " ".join([word] * times)) == once, times
    for separator in (" ", "  ", ", "):
        assert _total(client, _box(word, separator)) == once, separator
        assert _total(client, _box(word, separator).strip()) == once
    if word not in ("de", "pour"):
        assert once >= 1


def test_the_listings_page_and_the_directory_agree(search_backend, client, listings):
    page = client.get("/annonces/", query_string={"q": _box("notre")}).get_data(as_text=True)
    assert "3 annonces" in page
    directory = client.get("/annuaire/", query_string={"q": _box("foyer")}).get_data(as_text=True)
    assert "Foyer rural" in directory


@pytest.mark.parametrize("text, expected", [
    ("salle", "salle"),
    (_box("salle"), ("salle " * 33).strip()),            # "… sa": the box cut the last word
    (_box("notre"), ("notre " * 33).strip()),            # "… no": would be searched alone
    ("x" * 300, "x" * 200),                               # one long word: nothing better than its start
    ("a" * 199 + " b", "a" * 199),
])
def test_a_query_filling_the_box_loses_its_cut_last_word(text, expected):
    assert clean_search(text) == expected
