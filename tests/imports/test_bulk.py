"""Large listing imports: duplicates still caught (database and within the file), every listing searchable."""
from market.extensions import db
from market.listings.models import Listing
from tests.factories import make_coordinator, make_org
from tests.imports.helpers import LISTING_HEADER


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


def test_a_2000_row_file_is_imported_in_full(run_import):
    make_coordinator()
    make_org(name="Ciné-Grillon")
    content = LISTING_HEADER + "\n" + "".join(_row(f"Objet numéro {n}") for n in range(2000))

    result = run_import("listings", content)

    assert result.exit_code == 0, result.output
    assert "2000 publiée(s)" in result.output
    assert db.session.scalar(db.select(db.func.count(Listing.id))) == 2000
