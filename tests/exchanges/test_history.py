"""An organisation's history: given and received, filters, CSV export, closing a listing as fulfilled."""
import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from market.exchanges import bookings, history, loans
from market.extensions import db
from market.listings.models import Listing
from tests.exchanges.conftest import make_room, make_sound_system, next_weekday, paris


def _exchanges(p):
    room = make_room(p["owner"], p["centre"])
    sono = make_sound_system(p["actor"], p["theatre"], title="Projecteur vidéo")
    booking = bookings.request_booking(p["actor"], room, p["theatre"], paris(next_weekday(4), 18), paris(next_weekday(4), 20))
    bookings.accept_booking(p["owner"], booking)
    loan = loans.request_loan(p["owner"], sono, p["centre"], 1, loans.today() + timedelta(days=2),
                              loans.today() + timedelta(days=4))
    db.session.commit()
    return room, sono, booking, loan


def test_history_shows_given_and_received_with_filters(people, browser):
    p = people
    _room, _sono, booking, loan = _exchanges(p)
    rows = history.exchanges_of(p["centre"])
    assert {(r.kind, r.direction, r.partner) for r in rows} == {
        ("booking", "given", "Compagnie du Petit Théâtre"), ("loan", "received", "Compagnie du Petit Théâtre")}
    assert [r.kind for r in history.exchanges_of(p["centre"], {"sens": "received"})] == ["loan"]
    assert [r.kind for r in history.exchanges_of(p["theatre"], {"type": "booking"})] == ["booking"]
    assert history.exchanges_of(p["theatre"], {"statut": "requested"})[0].exchange == loan
    assert history.exchanges_of(p["theatre"], {"du": loans.today() + timedelta(days=40)}) == []
    page = browser(p["owner"]).text(f"/echanges/structure/{p['centre'].slug}?sens=given")
    assert "Salle polyvalente des Ailes" in page and "Projecteur vidéo" not in page
    assert browser(p["outsider"]).get(f"/echanges/structure/{p['centre'].slug}").status_code == 404
    assert browser(p["coordinator"]).get(f"/echanges/structure/{p['centre'].slug}").status_code == 404


def test_csv_export_opens_in_a_french_spreadsheet(people, browser):
    p = people
    _exchanges(p)
    response = browser(p["actor"]).get(f"/echanges/structure/{p['theatre'].slug}/export.csv?type=booking")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == ["Type", "Sens", "Statut", "Annonce", "Partenaire"]
    assert rows[1][:5] == ["Réservation de salle", "Reçu", "Acceptée", "Salle polyvalente des Ailes", "Centre social des Ailes"]
    assert len(rows) == 2


def test_csv_cells_never_run_as_formulas(people):
    p = people
    room = make_room(p["owner"], p["centre"], title="=HYPERLINK(\"http://x\")")
    bookings.request_booking(p["actor"], room, p["theatre"], paris(next_weekday(4), 18), paris(next_weekday(4), 20))
    assert "'=HYPERLINK" in history.to_csv(history.exchanges_of(p["theatre"]))


def test_owner_closes_the_listing_as_fulfilled_once_the_loan_is_returned(people, browser):
    p = people
    sono = make_sound_system(p["owner"], p["centre"])
    loan = loans.request_loan(p["actor"], sono, p["theatre"], 1, loans.today(), loans.today() + timedelta(days=1))
    loans.accept_loan(p["owner"], loan)
    loans.pick_up(p["owner"], loan, [])
    db.session.commit()
    owner = browser(p["owner"])
    assert "Clôturer l'annonce comme réalisée" not in owner.text(loan.url)  # not before it is back
    loans.return_loan(p["owner"], loan, ["complete"])
    db.session.commit()
    assert "Clôturer l'annonce comme réalisée" in owner.text(loan.url)
    assert "Clôturer l'annonce comme réalisée" not in browser(p["actor"]).text(loan.url)
    assert browser(p["actor"]).post(f"/echanges/annonce/{sono.id}/cloturer").status_code == 403
    response = owner.post(f"/echanges/annonce/{sono.id}/cloturer", data={"next": loan.url})
    assert response.headers["Location"].endswith(loan.url)
    listing = db.session.get(Listing, sono.id)
    db.session.refresh(listing)
    assert (listing.status, listing.close_reason) == ("closed", "fulfilled")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.status == "published")) == 0


def test_hub_lists_ongoing_exchanges_and_what_one_lends(people, browser):
    p = people
    _exchanges(p)
    page = browser(p["owner"]).text("/echanges/")
    assert "Salle polyvalente des Ailes" in page and "Projecteur vidéo" in page
    assert "calendrier et demandes de réservation" in page
    assert "Échanges de Centre social des Ailes" in page
