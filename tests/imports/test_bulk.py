"""Large listing imports: duplicates still caught (database and within the file), every listing searchable."""
import pytest

from market.extensions import db
from market.listings.models import Listing
from market.matching.models import AlertJob
from market.search.check import check
from market.search.service import search_listings
from tests.factories import make_coordinator, make_org
from tests.imports.helpers import LISTING_HEADER


def _index_agrees(app) -> bool:
    """whoosh's index holds exactly the public listings (PostgreSQL's search has no index apart)."""
    return app.extensions["search"].backend != "whoosh" or check(app.extensions["search"]).ok


def _row(title):
    return f"Ciné-Grillon;offre;matériel;{title};Une description assez longue.;;;;;;;;;\n"


def test_a_duplicate_of_the_database_and_of_an_earlier_line_is_skipped_not_published_twice(run_import):
    make_coordinator()
    make_org(name="Ciné-Grillon")
    run_import("listings", LISTING_HEADER + "\n" + _row("Sono 2 x 200 W"))

    result = run_import("listings", LISTING_HEADER + "\n" + _row("sono 2 X 200 w") + _row("Tente 3 x 3")
                        + _row("TENTE 3 x 3"))

    assert result.exit_code == 0, result.output
    assert "1 publiée(s), 2 déjà présente(s)" in result.output
    titles = db.session.scalars(db.select(Listing.title).order_by(Listing.id)).all()
    assert titles == ["Sono 2 x 200 W", "Tente 3 x 3"]


def test_a_2000_row_file_is_imported_in_full_searchable_with_its_alerts_queued(run_import, app):
    make_coordinator()
    make_org(name="Ciné-Grillon")
    content = LISTING_HEADER + "\n" + "".join(_row(f"Objet numéro {n}") for n in range(2000))

    result = run_import("listings", content)

    assert result.exit_code == 0, result.output
    assert "2000 publiée(s)" in result.output
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 2000
    assert db.session.scalar(db.select(db.func.count(AlertJob.id))) == 2000
    assert search_listings({"q": "objet"}).total == 2000  # written to the index in bulk after the commit
    assert search_listings({"q": "numéro 1999"}).items[0].title == "Objet numéro 1999"
    assert _index_agrees(app)


def test_an_imported_listing_is_found_by_search_at_once(run_import):
    make_coordinator()
    make_org(name="Ciné-Grillon")

    run_import("listings", LISTING_HEADER + "\n" + _row("Barnum pliant 3 x 6"))

    assert [l.title for l in search_listings({"q": "barnum"}).items] == ["Barnum pliant 3 x 6"]


def test_a_bad_row_late_in_a_long_file_leaves_nothing_behind(run_import, app):
    make_coordinator()
    make_org(name="Ciné-Grillon")
    run_import("listings", LISTING_HEADER + "\n" + _row("Sono portable"))
    rows = [_row(f"Objet numéro {n}") for n in range(1500)]
    rows[1400] = "Ciné-Grillon;offre;matériel;Objet sans description;;;;;;;;;;\n"

    result = run_import("listings", LISTING_HEADER + "\n" + "".join(rows))

    assert result.exit_code != 0 and "ligne 1402 : champ « description » vide" in result.output
    assert db.session.scalars(db.select(Listing.title)).all() == ["Sono portable"]  # the 1,400 rolled back
    assert db.session.scalar(db.select(db.func.count(AlertJob.id))) == 1
    assert search_listings({"q": "objet"}).total == 0 and _index_agrees(app)


def test_a_long_file_shows_its_progress_then_says_the_index_is_being_written(run_import, monkeypatch):
    from market.imports import cli
    monkeypatch.setattr(cli, "PROGRESS_FROM", 3)  # a bar from 3 lines on, not 10,000: the test stays quick
    make_coordinator()
    make_org(name="Ciné-Grillon")

    result = run_import("listings", LISTING_HEADER + "\n" + "".join(_row(f"Objet numéro {n}") for n in range(5)))

    assert result.exit_code == 0, result.output
    assert "Lignes lues" in result.output  # the bar's label (drawn in full on a terminal only)
    assert "mise à jour de l'index de recherche" in result.output and "5 publiée(s)" in result.output


def test_imported_listings_are_matched_from_their_stored_words_like_listings_posted_in_the_form(run_import):
    from market.matching import terms
    make_coordinator()
    make_org(name="Ciné-Grillon")

    run_import("listings", LISTING_HEADER + "\n" + _row("Vidéoprojecteur HDMI"))

    listing = db.session.scalar(db.select(Listing))
    stored = terms.unpack(listing.match_terms, listing.title, listing.tags, listing.description)
    assert stored is not None  # not left for `market match-terms` to fill
    assert stored == terms.text_facts(listing.title, listing.tags, listing.description)


def test_imported_listings_get_the_same_defaults_as_listings_posted_in_the_form(run_import):
    make_coordinator()
    make_org(name="Ciné-Grillon")

    run_import("listings", LISTING_HEADER + "\n" + _row("Vidéoprojecteur HDMI") + _row("Écran de projection"))

    for listing in db.session.scalars(db.select(Listing)):
        assert (listing.hidden, listing.amenities, listing.schedule, listing.moderation_note) == (False, "", "", "")
        assert listing.status == "published" and listing.is_public()


@pytest.mark.parametrize("search_backend", ["postgres"], indirect=True)
def test_with_postgresql_search_imported_listings_are_found_at_once(run_import, search_backend):
    make_coordinator()
    make_org(name="Ciné-Grillon")
    content = LISTING_HEADER + "\n" + "".join(_row(f"Objet numéro {n}") for n in range(1200))

    result = run_import("listings", content)

    assert result.exit_code == 0 and "1200 publiée(s)" in result.output, result.output
    found = search_listings({"q": "numéro 1199"})
    assert found.engine == "postgres" and found.items[0].title == "Objet numéro 1199"
    assert search_listings({"q": "objet"}).total == 1200
    assert db.session.scalar(db.select(db.func.count(AlertJob.id))) == 1200
