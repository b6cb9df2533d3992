"""What the coordination reserves to members: one check (market/gates.py, answered by membership) applied to
publishing a listing, reserving at the ressourcerie and committing to a group purchase; nothing else is closed."""
import pytest
import sqlalchemy as sa

from market import gates
from market.extensions import db
from market.listings.models import Listing
from market.listings.services import create_listing
from market.membership import services
from tests.factories import listing_values, make_batch, make_listing
from tests.membership.conftest import pay, set_fees


def reserve(coordinator, *actions):
    services.set_requirements(coordinator, set(actions), [a.key for a in gates.actions()])
    db.session.commit()


def test_by_default_nothing_is_reserved(network):
    listing = make_listing(network["alice"], network["cinema"])
    assert listing.status == "published"


def test_publishing_waits_for_the_fee_once_the_coordination_reserves_it(network, this_year):
    c, alice, cinema = network["coordinator"], network["alice"], network["cinema"]
    reserve(c, "listings.publish")
    with pytest.raises(gates.Reserved) as refused:
        create_listing(alice, cinema, listing_values())
    db.session.rollback()
    assert "réservée aux structures à jour de leur adhésion" in refused.value.message and "Ciné-Grillon" in refused.value.message
    draft = make_listing(alice, cinema, submit=False)  # preparing a draft stays open
    assert draft.status == "draft"
    set_fees(c, this_year)
    pay(c, cinema, this_year, 3000, "none")
    listing = make_listing(alice, cinema, title="Chaises pliantes")
    assert listing.status == "published"


def test_volunteers_acting_for_themselves_and_the_coordination_are_never_stopped(network):
    from tests.factories import make_user
    c = network["coordinator"]
    reserve(c, "listings.publish")
    volunteer = make_user("vol@example.org", "Véra Bénévole", volunteer=True)
    listing = make_listing(volunteer, None, category="volunteering", title="Bénévole le week-end")
    assert listing.status == "pending"  # submitted (to moderation, as any volunteer's), not refused
    from market.membership.permissions import membership_refusal
    assert membership_refusal("listings.publish", c, network["cinema"]) is None
    assert membership_refusal("listings.publish", network["alice"], network["cinema"])


def test_the_page_keeps_what_was_typed_and_says_why(network, browser):
    reserve(network["coordinator"], "listings.publish")
    alice = browser(network["alice"])
    response = alice.post("/annonces/nouvelle", data={
        "organization": network["cinema"].slug, "kind": "offer", "category": "equipment", "terms": "loan",
        "title": "Vidéoprojecteur et écran", "description": "Un vidéoprojecteur 4 000 lumens et son écran.",
        "commune": "Vichy (03200)", "quantity": "1", "expires_on": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "réservée aux structures à jour de leur adhésion" in page and "Vidéoprojecteur et écran" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 0


def test_the_api_answers_403_membership_required(network, app):
    from tests.api.conftest import bearer
    reserve(network["coordinator"], "listings.publish")
    headers = bearer(network["alice"])
    response = app.test_client().post("/api/v1/listings", headers=headers, json={
        "kind": "offer", "category": "equipment", "title": "Sonorisation portable 200 W",
        "description": "Deux micros, prêtée pour vos manifestations.", "commune": "Vichy", "terms": "loan"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "membership_required"


def test_reserving_at_the_ressourcerie_and_committing_to_a_purchase_follow_the_same_rule(network, this_year):
    from market.purchasing import services as purchasing
    from market.ressourcerie import services as ressourcerie
    from tests.purchasing.conftest import open_paper
    c, alice, bob, cinema, scop = (network[k] for k in ("coordinator", "alice", "bob", "cinema", "scop"))
    reserve(c, "ressourcerie.reserve", "purchasing.commit")
    batch = make_batch(bob, scop, quantity=4)
    with pytest.raises(ressourcerie.Refused, match="réservée aux structures à jour"):
        ressourcerie.reserve(alice, batch, 1, cinema)
    db.session.rollback()
    paper = open_paper(c)
    with pytest.raises(purchasing.PurchaseRefused, match="réservée aux structures à jour"):
        purchasing.commit(alice, paper, cinema, 10)
    db.session.rollback()
    set_fees(c, this_year)
    pay(c, cinema, this_year, 3000, "none")
    assert ressourcerie.reserve(alice, batch, 1, cinema) is not None
    assert purchasing.commit(alice, paper, cinema, 10).quantity == 10
    db.session.commit()
    assert purchasing.commit(alice, paper, cinema, 0) is None  # withdrawing is never refused


def test_the_settings_page_lists_every_declared_action(network, browser):
    c = browser(network["coordinator"])
    page = c.text("/coordination/adhesions/regles")
    for text in ("Publier une offre ou un besoin", "Réserver des objets à la ressourcerie", "engager dans un achat groupé"):
        assert text in page
    response = c.post("/coordination/adhesions/regles", data={"actions": ["listings.publish"]})
    assert response.status_code == 302
    from market.membership.queries import required_actions
    assert required_actions() == {"listings.publish"}
    org_page = browser(network["alice"]).text(f"/structures/{network['cinema'].slug}/adhesion")
    assert "Publier une offre ou un besoin" in org_page
