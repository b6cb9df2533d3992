"""What a person typing in the search box gets: the right listings first, facets, suggestions, pages.

Every test runs on both backends (whoosh, and PostgreSQL's full-text search on the PostgreSQL run)."""
import pytest

from market.extensions import db
from market.search.service import search_listings
from market.search.sqlsearch import search as sql_search
from tests.factories import GANNAT, make_listing
from tests.fixtures_search import engine

pytestmark = pytest.mark.usefixtures("search_backend")


def titles(result):
    return [l.title for l in result.items]


def test_benevole_sono_finds_the_volunteers_for_the_sound_system_first(corpus):
    result = search_listings({"q": "benevole sono"})
    assert titles(result)[0] == "Bénévoles pour tenir la sono de la fête"
    assert result.engine == engine()


def test_salle_reunion_gannat_finds_the_meeting_room_in_gannat_first(corpus):
    result = search_listings({"q": "salle reunion gannat"})
    assert titles(result)[0] == "Salle de réunion de 30 places"
    assert "Salle de réunion au centre social" not in titles(result)  # in Vichy


def test_accents_and_plurals_do_not_matter(corpus):
    assert titles(search_listings({"q": "ordinateur"})) == ["Ordinateurs portables pour l'atelier numérique"]
    assert "Aide en comptabilité associative" in titles(search_listings({"q": "COMPTABILITE"}))


def test_synonyms_find_the_long_word(corpus):
    assert "Sonorisation portable 200 W" in titles(search_listings({"q": "sono"}))[:2]
    assert "Vidéoprojecteur et écran" in titles(search_listings({"q": "videoproj"}))
    assert titles(search_listings({"q": "compta"})) == ["Aide en comptabilité associative"]


def test_organisation_and_commune_names_are_searched(corpus):
    assert set(titles(search_listings({"q": "amap ordinateurs"}))) == {"Ordinateurs portables pour l'atelier numérique"}


def test_a_misspelt_word_gets_a_suggestion_that_finds_results(corpus):
    result = search_listings({"q": "graphsime"})
    assert result.total == 0 and result.suggestion == "graphisme"
    assert titles(search_listings({"q": result.suggestion})) == ["Graphisme pour vos affiches"]


def test_a_word_typed_without_accents_finds_results_and_suggests_the_accents(corpus):
    result = search_listings({"q": "comptabilite"})
    assert titles(result) == ["Aide en comptabilité associative"]
    assert result.suggestion == "comptabilité"


def test_no_suggestion_when_the_words_are_right(corpus):
    assert search_listings({"q": "barnum"}).suggestion is None


def test_when_no_listing_has_every_word_those_with_some_are_shown(corpus):
    result = search_listings({"q": "barnum licorne"})
    assert result.relaxed and titles(result) == ["Barnum 3 × 3 m"]


def test_filters_apply_to_the_words(corpus):
    assert set(titles(search_listings({"q": "salle", "commune": "Gannat", "terms": "rent"}))) == {
        "Salle de réunion de 30 places", "Salle des fêtes du bourg"}
    assert titles(search_listings({"q": "benevoles", "urgent": True})) == ["Bénévoles pour l'accueil du festival"]
    assert titles(search_listings({"q": "salle", "organization": corpus.orgs["centre"].slug})) == [
        "Salle de réunion au centre social"]
    assert search_listings({"q": "salle", "kind": "need"}).total == 0


def test_facets_count_each_value_under_the_other_filters(corpus):
    result = search_listings({"q": "salle", "commune": "Gannat"})
    assert result.facets["category"] == {"premises": 2}
    assert result.facets["commune_code"] == {"03118": 2, "03310": 1}  # the commune facet ignores its own filter
    volunteers = search_listings({"q": "benevoles"})  # two needs, and the accountant volunteer's offer
    assert volunteers.facets["kind"] == {"need": 2, "offer": 1}
    needs = search_listings({"q": "benevoles", "kind": "need"})
    assert needs.total == 2 and needs.facets["kind"] == {"need": 2, "offer": 1}  # the other kind stays reachable
    assert needs.facets["category"] == {"volunteering": 2}


def test_browsing_without_words_uses_the_index_and_agrees_with_sql(corpus):
    browse = search_listings({"category": "premises"})
    assert browse.engine == engine() and browse.total == 3
    assert browse.facets["commune_code"] == {"03118": 2, "03310": 1}
    assert browse.facets["category"]["equipment"] == 5
    items, total, facets = sql_search({"category": "premises"}, 1, 20, "newest")
    assert (total, facets, [l.id for l in items]) == (browse.total, browse.facets, [l.id for l in browse.items])


def test_sorts_newest_and_expiring_soon(corpus):
    newest = search_listings({"q": "salle"}, sort="newest")
    assert titles(newest) == ["Salle de réunion au centre social", "Salle des fêtes du bourg",
                              "Salle de réunion de 30 places"]
    soon = make_listing(corpus.user, corpus.orgs["amap"], title="Salle à prêter vite", commune_code=GANNAT,
                        expires_on=__import__("datetime").date.today())
    assert titles(search_listings({"q": "salle"}, sort="expiring"))[0] == soon.title


def test_pages_do_not_overlap_and_cover_everything(corpus):
    for n in range(23):
        make_listing(corpus.user, corpus.orgs["cinema"], title=f"Chaise pliante numéro {n}", tags="chaises")
    first = search_listings({"q": "chaises"}, page=1, per_page=10)
    pages = [first] + [search_listings({"q": "chaises"}, page=p, per_page=10) for p in (2, 3)]
    ids = [l.id for page in pages for l in page.items]
    assert first.total == 25 and len(ids) == 25 == len(set(ids))  # and the room with "tables et chaises"
    assert search_listings({"q": "chaises"}, page=4, per_page=10).items == []


def test_highlights_mark_the_words_and_escape_user_text(corpus):
    listing = corpus.listings["sono"]
    listing.description = 'Une sono <script>alert("x")</script> & deux micros'
    db.session.commit()
    result = search_listings({"q": "sono"})
    snippet = str(result.highlights[listing.id])
    assert "<mark>sono</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert str(result.titles[listing.id]) == "<mark>Sonorisation</mark> portable 200 W"


def test_query_syntax_is_just_words(corpus):
    assert search_listings({"q": 'sono AND "(micro*'}).total >= 1
    assert search_listings({"q": "le la les"}).engine == "sql"  # only stop words: plain browsing


def test_newest_first_holds_across_pages_many_or_few_results_and_after_an_edit(corpus, search_backend):
    from datetime import timedelta
    import random
    from market.listings.models import Listing
    from market.types import utcnow
    chairs = [make_listing(corpus.user, corpus.orgs["cinema"], title=f"Chaise pliante {n}", tags="chaises").id
              for n in range(40)]
    stools = [make_listing(corpus.user, corpus.orgs["cinema"], title=f"Tabouret {n}").id for n in range(3)]
    ages = list(range(len(chairs) + len(stools)))
    random.Random(5).shuffle(ages)  # publication order unrelated to the order of creation
    for ident, age in zip(chairs + stools, ages):
        db.session.execute(db.update(Listing).where(Listing.id == ident)
                           .values(published_at=utcnow() - timedelta(hours=age + 1)))
    db.session.commit()
    search_backend.rebuild()  # whoosh: one segment, then a second one with the edit below
    edited = db.session.get(Listing, chairs[7])
    edited.title = "Chaise pliante rouge"
    db.session.commit()

    def newest(ids):
        rows = db.session.scalars(db.select(Listing).where(Listing.id.in_(ids)))
        return [l.id for l in sorted(rows, key=lambda l: l.published_at, reverse=True)]

    pages = [search_listings({"q": "chaise"}, page=p, per_page=7, sort="newest") for p in range(1, 8)]
    assert {page.engine for page in pages} == {engine()}
    many = [l.id for page in pages for l in page.items]
    assert many == newest(chairs + [corpus.listings["chaises"].id, corpus.listings["salle_gannat"].id])
    few = [l.id for l in search_listings({"q": "tabouret"}, sort="newest").items]
    assert few == newest(stools)


@pytest.mark.parametrize("typed, written", [
    ("benevoles", "Bénévoles"), ("salles reunion", "Salle de réunion"), ("ordinateur", "Ordinateurs"),
    ("COMPTABILITE", "comptabilité"), ("oeuvre", "Œuvre"), ("l'association", "associations"),
])
def test_spellings_people_type_find_the_written_words(typed, written):
    from tests.factories import make_org, make_user
    user = make_user("ecrit@example.org", "Écrit")
    listing = make_listing(user, make_org(user, name="Foyer rural"), title=f"{written} à partager",
                           description="Une annonce.", tags="")
    assert titles(search_listings({"q": typed})) == [listing.title]


def test_highlights_cannot_be_forged_by_the_text():
    """The marks PostgreSQL places are private characters: a listing holding them marks nothing."""
    from market.search.pg.highlights import PRIVATE
    from tests.factories import make_org, make_user
    user = make_user("marques@example.org", "Marques")
    forged = "".join(PRIVATE)
    listing = make_listing(user, make_org(user, name="Foyer rural"), title=f"Tabouret {forged}<b>bar</b>",
                           description=f"Un tabouret {forged} & <i>haut</i>.", tags="")
    result = search_listings({"q": "tabouret"})
    title, snippet = str(result.titles[listing.id]), str(result.highlights[listing.id])
    assert title.startswith("<mark>Tabouret</mark> ") and title.endswith("&lt;b&gt;bar&lt;/b&gt;")
    assert "&amp; &lt;i&gt;haut" in snippet  # shown as typed
    for text in (title, snippet):
        assert text.count("<mark>") == text.count("</mark>") == 1
