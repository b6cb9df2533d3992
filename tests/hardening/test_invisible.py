"""Invisible characters: bidirectional controls (U+202E…) and zero-width characters never reach a stored
name, title or message, whichever form or import brings them."""
import sqlalchemy as sa
from hypothesis import given, strategies as st

from market.accounts.models import Organization
from market.extensions import db
from market.forms import INVISIBLE, strip_invisible
from market.imports.reader import read_table
from market.listings.models import Listing
from tests.hardening.conftest import FEW
from tests.security.helpers import call, sign_in

CONTROLS = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u061c"
TEXT = st.text(alphabet=st.sampled_from("abcdéè ÇŒ-'" + CONTROLS), min_size=3, max_size=40)


def _visible(text: str) -> str:
    return " ".join(strip_invisible(text).split())


@FEW
@given(title=TEXT)
def test_a_listing_title_is_stored_without_invisible_characters(client, world, title):
    sign_in(client, world["owner"])
    call(client, "POST", "/annonces/nouvelle", {
        "organization": world["org"].slug, "kind": "offer", "category": "equipment", "title": "Sono " + title,
        "description": "Une sono " + title, "commune": "Vichy", "terms": "free"})
    db.session.expire_all()
    for listing in db.session.scalars(sa.select(Listing)):
        assert not INVISIBLE.search(listing.title) and not INVISIBLE.search(listing.description or "")


@FEW
@given(name=TEXT)
def test_an_organisation_name_is_stored_without_invisible_characters(client, world, name):
    sign_in(client, world["owner"])
    call(client, "POST", f"/structures/{world['org'].slug}/modifier", {
        "name": "Ressourcerie " + name, "legal_form": "association", "commune": "Vichy",
        "description": "Réemploi " + name, "charter": "y"})
    db.session.expire_all()
    for org in db.session.scalars(sa.select(Organization)):
        assert not INVISIBLE.search(org.name) and not INVISIBLE.search(org.description or "")


def test_the_rtl_override_trick_is_shown_as_stored(client, world):
    sign_in(client, world["owner"])
    response = call(client, "POST", "/annonces/nouvelle", {
        "organization": world["org"].slug, "kind": "offer", "category": "equipment",
        "title": "Facture\u202efdp.exe", "description": "x\u200by", "commune": "Vichy", "terms": "free"})
    assert response.status_code == 302
    listing = db.session.scalar(sa.select(Listing).where(Listing.title.like("Facture%")))
    assert listing.title == "Facturefdp.exe" and listing.description == "xy"


@FEW
@given(cell=TEXT)
def test_csv_cells_lose_their_invisible_characters(cell):
    table = read_table(f"nom;titre\n{cell};Titre {cell}\n".encode(), ("nom",), ("titre",))
    for row in table.rows:
        for value in row.cells.values():
            assert not INVISIBLE.search(value)
