"""`flask market import listings`: imported offers and needs are published at once, by a coordinator."""
from datetime import date, timedelta

import pytest

from market.extensions import db
from market.listings.models import Listing
from market.matching.models import AlertJob
from market.signals import listings_published
from market.types import utcnow
from tests.factories import CUSSET, GANNAT, make_coordinator, make_org, make_user
from tests.imports.helpers import LISTING_HEADER

GOOD_ROWS = (
    "Ciné-Grillon;offre;matériel;Sono 2 × 200 W;Une sono avec deux micros.;;;location;12,50;2;"
    "2030-06-01;2030-06-30;0;\"sono; micro\"\n"
    "cine grillon;need;volunteering;Bénévoles pour le 14 juillet;Installer les chaises.;Gannat;03800;;;;;;1;\n"
)


@pytest.fixture
def network():
    coordinator = make_coordinator()
    make_org(name="Ciné-Grillon")
    return coordinator


def listings():
    return db.session.scalars(db.select(Listing).order_by(Listing.id)).all()


def test_listings_are_imported_with_price_dates_urgent_and_tags_and_published(run_import, network):
    published = []
    with listings_published.connected_to(lambda _app, ids: published.extend(ids)):
        result = run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}".replace("; micro", ";micro;sono"))

    assert result.exit_code == 0, result.output
    assert "2 publiée(s)" in result.output
    sono, volunteers = listings()
    assert (sono.kind, sono.category, sono.terms, sono.price_cents, sono.quantity) == ("offer", "equipment", "rent", 1250, 2)
    assert (sono.available_from, sono.available_until) == (date(2030, 6, 1), date(2030, 6, 30))
    assert sono.tag_list == ["sono", "micro"] and sono.urgent is False
    assert sono.organization.name == "Ciné-Grillon" and sono.author == network
    assert (volunteers.kind, volunteers.category, volunteers.urgent, volunteers.commune_code) == ("need", "volunteering", True, GANNAT)
    for listing in (sono, volunteers):
        assert listing.status == "published" and listing.is_public()
        assert listing.published_at is not None
        assert abs(listing.expires_at - (utcnow() + timedelta(days=60))) < timedelta(minutes=5)
    assert published == [sono.id, volunteers.id]  # announced in one go: their alerts are queued
    assert db.session.scalars(db.select(AlertJob.listing_id).order_by(AlertJob.id)).all() == published


def test_imported_listings_are_public_on_the_listings_page(run_import, network, client):
    run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}")

    page = client.get("/annonces/").get_data(as_text=True)

    assert "Sono 2 × 200 W" in page and "Bénévoles pour le 14 juillet" in page


def test_an_unknown_organisation_rejects_the_row_and_nothing_is_imported(run_import, network):
    content = f"{LISTING_HEADER}\n{GOOD_ROWS}Ciné Introuvable;offer;equipment;Tente 3 x 3;Une tente.;;;;;;;;;\n"

    result = run_import("listings", content)

    assert result.exit_code != 0
    assert "ligne 4 : structure inconnue « Ciné Introuvable »" in result.output
    assert listings() == []


def test_row_errors_are_explained_in_french(run_import, network):
    content = (f"{LISTING_HEADER}\n"
               "Ciné-Grillon;offer;equipment;Tente;Une tente.;;;sale;;;;;;\n"
               "Ciné-Grillon;offer;equipment;Chaises;Des chaises.;;;;;;2030-02-30;;1;\n"
               "Ciné-Grillon;échange;equipment;Tables;Des tables.;;;;;;2030-05-01;2030-04-01;;\n")

    result = run_import("listings", content, "--skip-invalid")

    assert "ligne 2 : prix manquant (obligatoire pour une location ou une vente)" in result.output
    assert "ligne 3 : date de début invalide « 2030-02-30 »" in result.output
    assert "ligne 4 : type : valeur « échange » non reconnue (attendu : offre ou besoin)" in result.output
    assert "0 publiée(s)" in result.output and listings() == []


def test_reimporting_the_same_file_counts_listings_already_there(run_import, network):
    run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}")

    result = run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}".replace("Sono 2 × 200 W", " SONO  2 × 200 w"))

    assert result.exit_code == 0
    assert "0 publiée(s), 2 déjà présente(s)" in result.output
    assert len(listings()) == 2


def test_without_a_coordinator_the_import_asks_to_create_one_first(run_import):
    make_org(name="Ciné-Grillon")

    result = run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}")

    assert result.exit_code != 0
    assert "create-coordinator" in result.output and listings() == []


def test_the_author_can_be_chosen_and_must_be_a_coordinator(run_import, network):
    other = make_user("coord2@example.org", "Deuxième coordination", coordinator=True)
    make_user("membre@example.org", "Membre")

    refused = run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}", "--author", "membre@example.org")
    chosen = run_import("listings", f"{LISTING_HEADER}\n{GOOD_ROWS}", "--author", "COORD2@example.org")

    assert refused.exit_code != 0 and "n'est pas un compte de coordination" in refused.output
    assert chosen.exit_code == 0 and {l.author for l in listings()} == {other}


def test_a_commune_given_without_postal_code_and_dates_in_french_format(run_import, network):
    make_org(name="Jardin", commune=CUSSET)
    content = ("Structure,Type,Catégorie,Titre,Description,Commune,Conditions,Prix,Disponible du\n"
               "Jardin,Offre,Compétences,Taille de haies,Notre équipe taille vos haies.,Cusset,vente,25 €,01/09/2030\n")

    result = run_import("listings", content)

    assert result.exit_code == 0, result.output
    (listing,) = listings()
    assert (listing.category, listing.terms, listing.price_cents) == ("skill", "sale", 2500)
    assert (listing.commune_code, listing.available_from) == (CUSSET, date(2030, 9, 1))
