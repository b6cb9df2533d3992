"""Each figure of the observatory equals the count or sum of its source records, by month, commune and category."""
from datetime import date, datetime, timedelta, timezone

import pytest

from market import figures
from market.exchanges import agreements, bookings, loans
from market.exchanges.conversations import start_conversation
from market.extensions import db
from market.listings.services import close_listing
from market.observatory import queries
from market.observatory.rules import Period
from tests.exchanges.conftest import make_room, make_sound_system, next_weekday, paris
from tests.factories import CUSSET, GANNAT, VICHY, make_listing, make_org, make_user

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def at(month, day=15):
    return datetime(2026, month, day, 10, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _request_context(app):
    with app.test_request_context():
        yield


def totals(key, period=YEAR):
    return queries.figure_report(figures.get(key), period).totals


def months(t):
    return {m: v for m, v in t.by_month if v}


@pytest.fixture
def network():
    alice = make_user("alice@example.org", "Alice")
    cinema = make_org(alice, name="Cinéma du Bourbonnais", commune=VICHY, legal_form="association",
                      sectors="culture; cinéma")
    bob = make_user("bob@example.org", "Bob")
    scop = make_org(bob, name="SCOP Les Ateliers", commune=CUSSET, legal_form="cooperative", sectors="culture")
    carla = make_user("carla@example.org", "Carla")
    make_org(carla, name="Épicerie en attente", commune=GANNAT, status="pending")
    cinema.created_at, scop.created_at = at(2), at(5)
    db.session.commit()
    return {"alice": alice, "cinema": cinema, "bob": bob, "scop": scop}


def test_members_count_verified_structures_by_type_sector_and_commune(network):
    t = totals("members.organizations")
    assert t.total == 2  # the pending one is not counted
    assert months(t) == {"2026-02": 1, "2026-05": 1}
    assert dict(t.by_commune) == {VICHY: 1, CUSSET: 1}
    assert dict(t.by_category) == {"Association": 1, "Coopérative (SCOP, SCIC…)": 1}
    sectors = totals("members.sectors")
    assert dict(sectors.by_category) == {"culture": 2, "cinéma": 1}


def test_members_on_the_last_day_include_those_who_joined_before_the_period(network):
    t = totals("members.organizations", Period(date(2026, 4, 1), date(2026, 6, 30)))
    assert t.total == 2 and months(t) == {"2026-05": 1}
    assert totals("members.organizations", Period(date(2026, 1, 1), date(2026, 1, 31))).total == 0


def test_offers_needs_and_met_listings_follow_their_publication_and_closing(network):
    a, cinema = network["alice"], network["cinema"]
    offers = [make_listing(a, cinema, title=f"Chaises pliantes {i}", category="equipment") for i in range(3)]
    need = make_listing(a, cinema, kind="need", title="Besoin d'une salle", category="premises", commune_code=GANNAT)
    make_listing(a, cinema, title="Brouillon jamais publié", submit=False)
    offers[0].published_at, offers[1].published_at, offers[2].published_at = at(3), at(3), at(7)
    need.published_at = at(7)
    close_listing(a, offers[1], "fulfilled")
    close_listing(a, offers[2], "withdrawn")
    db.session.commit()
    offers[1].updated_at = at(9)
    db.session.commit()
    t = totals("listings.offers")
    assert t.total == 3 and months(t) == {"2026-03": 2, "2026-07": 1} and dict(t.by_category) == {"Matériel": 3}
    n = totals("listings.needs")
    assert n.total == 1 and dict(n.by_commune) == {GANNAT: 1} and dict(n.by_category) == {"Locaux": 1}
    met = totals("listings.met")
    assert met.total == 1 and months(met) == {"2026-09": 1}  # the withdrawn one was not met


def test_exchanges_count_what_was_accepted_or_done_and_the_hours_given(network):
    a, cinema, b, scop = network["alice"], network["cinema"], network["bob"], network["scop"]
    room = make_room(a, cinema)
    friday = next_weekday(4)
    accepted = bookings.request_booking(b, room, scop, paris(friday, 18), paris(friday, 20))
    bookings.request_booking(b, room, scop, paris(friday + timedelta(days=7), 18), paris(friday + timedelta(days=7), 20))
    bookings.accept_booking(a, accepted)
    sono = make_sound_system(a, cinema, quantity=2)
    day = loans.today() + timedelta(days=3)
    loan = loans.request_loan(b, sono, scop, 1, day, day + timedelta(days=2))
    loans.accept_loan(a, loan)
    skill = make_listing(a, cinema, category="skill", title="Aide à la comptabilité", terms="free")
    conversation = start_conversation(b, skill, scop)
    done = [agreements.propose(b, conversation, f"Bilan {i}", date.today() + timedelta(days=2), minutes)
            for i, minutes in enumerate((90, 45))]
    for agreement in done:
        agreement.status = "done"
    db.session.commit()
    accepted.decided_at, loan.decided_at = at(4), at(6)
    done[0].done_at, done[1].done_at = at(10), at(11)
    db.session.commit()
    assert totals("exchanges.bookings").total == 1 and months(totals("exchanges.bookings")) == {"2026-04": 1}
    assert totals("exchanges.loans").total == 1 and dict(totals("exchanges.loans").by_commune) == {VICHY: 1}
    assert totals("exchanges.agreements").total == 2
    hours = totals("exchanges.agreement_hours")
    assert hours.total == 135 and months(hours) == {"2026-10": 90, "2026-11": 45}


def test_the_page_and_the_csv_show_the_same_numbers(client, network):
    a, cinema = network["alice"], network["cinema"]
    for month in (3, 3, 8):
        make_listing(a, cinema, title=f"Tables {month}").published_at = at(month)
    db.session.commit()
    page = client.get("/observatoire?first=2026-01-01&last=2026-12-31").get_data(as_text=True)
    assert "Offres publiées" in page and "<svg" in page and "Offres publiées par mois" in page
    csv = client.get("/observatoire.csv?first=2026-01-01&last=2026-12-31").get_data(as_text=True)
    assert "Offres et besoins;Offres publiées;count;total;;3" in csv
    assert "Offres et besoins;Offres publiées;count;mois;2026-03;2" in csv


def test_a_wrong_period_says_so_and_shows_the_default_one(client):
    response = client.get("/observatoire?first=2026-05-01&last=2026-02-01")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "La date de fin doit suivre la date de début." in page
    assert 'value="2026-05-01"' in page  # what was typed is kept


def test_the_coordinators_dashboard_is_theirs(client, network):
    assert client.get("/coordination/observatoire").status_code in (302, 401)


def test_the_ressourcerie_counts_what_was_handed_over_and_its_corrections(network):
    from market.ressourcerie import services as ressourcerie
    from market.ressourcerie.rules import co2e_g
    from tests.factories import make_batch
    a, cinema, b, scop = network["alice"], network["cinema"], network["bob"], network["scop"]
    laptops = make_batch(a, cinema, unit_weight_g=2000, quantity=12)
    reservation = ressourcerie.reserve(b, laptops, 5, scop)
    entry = ressourcerie.hand_over(a, reservation)
    db.session.commit()
    fix = ressourcerie.correct(a, entry, -1, "Un portable est resté chez nous")
    db.session.commit()
    entry.created_at, fix.created_at = at(4), at(5)
    db.session.commit()
    assert totals("ressourcerie.items").total == 4
    assert months(totals("ressourcerie.items")) == {"2026-04": 5, "2026-05": -1}
    weight = totals("ressourcerie.weight")
    assert weight.total == 8000 and dict(weight.by_commune) == {VICHY: 8000}
    assert totals("ressourcerie.co2e").total == co2e_g("informatique", 10000) + co2e_g("informatique", -2000)


def test_volunteer_hours_are_those_the_organiser_confirmed(network):
    from market.events import services as events
    from market.types import utcnow
    from tests.events.helpers import make_event
    a, cinema, b = network["alice"], network["cinema"], network["bob"]
    carla = make_user("vol@example.org", "Vol")
    event = make_event(a, cinema, shifts=[("buvette", 9, 13, 5)], days=3)
    shift = event.shifts[0]
    events.sign_up(b, shift)
    events.sign_up(carla, shift)
    db.session.commit()
    events.record_attendance(a, shift, {b.id: (True, 240), carla.id: (False, 240)}, now=utcnow() + timedelta(days=5))
    db.session.commit()
    shift.starts_at = at(6)
    db.session.commit()
    hours = totals("events.volunteer_hours")
    assert hours.total == 240 and months(hours) == {"2026-06": 240} and dict(hours.by_commune) == {VICHY: 240}
    assert totals("events.attendances").total == 1  # the one who did not come is not counted


def test_a_feature_that_registers_no_figure_shows_no_section(client):
    from market.figures import _SECTIONS
    figures.register_section("not_landed", "Section d'une fonction pas encore livrée", order=99)
    try:
        assert "not_landed" not in {section.key for section, _ in figures.sections(public_only=False)}
        assert "Section d'une fonction pas encore livrée" not in client.get("/observatoire").get_data(as_text=True)
    finally:
        _SECTIONS.pop("not_landed", None)
