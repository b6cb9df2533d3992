"""`flask market seed-demo`: a lively but fictional network to show and to try the marketplace."""
import re

from market.accounts.models import Organization, User
from market.extensions import db
from market.listings.models import CATEGORIES, Listing
from tests.factories import login, make_org

DEMO_COMMUNES = {"Vichy", "Cusset", "Gannat", "Saint-Pourçain-sur-Sioule", "Le Donjon", "Ébreuil", "Escurolles",
                 "Bellenaves", "Broût-Vernet", "Arronnes", "Saint-Priest-Bramefant"}


def count(model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_seed_demo_fills_an_empty_database_with_a_whole_network(runner, client):
    result = runner.invoke(args=["market", "seed-demo"])

    assert result.exit_code == 0, result.output
    listings = db.session.scalars(db.select(Listing)).all()
    assert len(listings) >= 55
    assert {(l.kind, l.category) for l in listings} == {(k, c) for k in ("offer", "need") for c in CATEGORIES}
    assert any(l.urgent and l.kind == "need" for l in listings)
    assert sum(l.status == "published" and l.is_public() for l in listings) >= 55
    pending = [l for l in listings if l.status == "pending"]
    assert pending and any(l.organization and l.organization.status == "pending" for l in pending)
    organizations = db.session.scalars(db.select(Organization)).all()
    assert {o.status for o in organizations} == {"verified", "pending"}
    assert {o.commune.name for o in organizations} <= DEMO_COMMUNES and len({o.commune_code for o in organizations}) >= 10
    assert all(o.admins() for o in organizations)
    assert all(u.email.endswith("@example.org") for u in db.session.scalars(db.select(User)))


def test_the_volunteer_has_a_profile_and_a_volunteering_offer(runner):
    runner.invoke(args=["market", "seed-demo"])

    volunteer = db.session.scalar(db.select(User).where(User.is_volunteer.is_(True)))
    profile = volunteer.volunteer_profile
    assert profile.commune_code and profile.radius_km > 0 and profile.skill_list and profile.availability_list
    own = db.session.scalars(db.select(Listing).where(Listing.author_id == volunteer.id)).all()
    assert [(l.kind, l.category, l.organization) for l in own] == [("offer", "volunteering", None)]


def test_the_printed_coordinator_login_works(runner, client):
    result = runner.invoke(args=["market", "seed-demo"])

    password = re.search(r"Mot de passe commun[^:]*: (\S+)", result.output).group(1)
    coordinator_line = next(line for line in result.output.splitlines() if "coordination" in line.split())
    email = coordinator_line.split()[0]
    coordinator = db.session.scalar(db.select(User).where(User.email == email))
    assert coordinator.is_coordinator

    response = login(client, email, password)

    assert response.status_code == 302
    with client.session_transaction() as session:
        assert session.get("_user_id") == coordinator.get_id()  # the id and the session version


def test_a_second_run_with_if_empty_adds_nothing_and_says_so(runner):
    runner.invoke(args=["market", "seed-demo"])
    before = (count(Organization), count(Listing), count(User))

    result = runner.invoke(args=["market", "seed-demo", "--if-empty"])

    assert result.exit_code == 0
    assert "déjà" in result.output
    assert (count(Organization), count(Listing), count(User)) == before


def test_without_if_empty_a_database_with_organisations_is_refused(runner):
    make_org()

    result = runner.invoke(args=["market", "seed-demo"])

    assert result.exit_code != 0 and "base vide" in result.output
    assert count(Organization) == 1 and count(Listing) == 0


def test_a_second_run_prints_the_demo_logins_again_and_the_coordinator_login_works(runner, client):
    first = runner.invoke(args=["market", "seed-demo"]).output

    again = runner.invoke(args=["market", "seed-demo", "--if-empty"]).output

    assert "Données de démonstration présentes" in again
    first_logins = first[first.index("E-mail"):].splitlines()
    assert again[again.index("E-mail"):].splitlines() == first_logins
    password = re.search(r"Mot de passe commun[^:]*: (\S+)", again).group(1)
    coordinator = next(line for line in first_logins if "coordination" in line.split()).split()[0]
    assert login(client, coordinator, password).status_code == 302


def test_a_database_without_demo_accounts_prints_no_logins(runner):
    make_org()

    result = runner.invoke(args=["market", "seed-demo", "--if-empty"])

    assert result.exit_code == 0 and "déjà" in result.output and "Mot de passe" not in result.output


def test_demo_owners_have_a_request_to_accept_on_mon_espace(runner, client):
    result = runner.invoke(args=["market", "seed-demo"])
    password = re.search(r"Mot de passe commun[^:]*: (\S+)", result.output).group(1)

    for email, text in (("centres@example.org", "1 réservation à accepter"), ("cinema@example.org", "1 prêt à accepter")):
        login(client, email, password)
        assert text in client.get("/mon-espace").get_data(as_text=True)
        client.post("/deconnexion")
