"""Purchases on quotation as members use the pages: open, register with details, publish, accept, export."""
import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from market.extensions import db
from market.fields import today
from market.notifications.models import Notification
from market.purchasing.quotes.models import Interest, InterestList


def _open(browser, network, **overrides):
    data = {"organization": "__reseau__", "title": "Assurance multirisque des locaux",
            "description": "Locaux et responsabilité civile.", "asks_employees": "y", "asks_premises_m2": "y",
            "closes_on": (today() + timedelta(days=10)).isoformat()}
    data.update(overrides)
    return browser(network["coordinator"]).post("/achats-groupes/devis/nouveau", data=data)


def _flat(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def test_the_whole_journey_interest_offer_acceptance_and_export(network, browser):
    assert _open(browser, network).status_code == 302
    item = db.session.scalar(sa.select(InterestList))
    assert item.asked == ["employees", "premises_m2"]
    (a, b, c, _d), (org_a, org_b, org_c, _) = network["people"], network["orgs"]
    page = browser(a).text(item.url)
    assert "Nombre de salariés" in page and "Surface des locaux (m²)" in page and "Nombre de véhicules" not in page
    url = f"/achats-groupes/devis/{item.id}/interet"
    for user, org, employees, m2 in ((a, org_a, "3", "120"), (b, org_b, "0", "45"), (c, org_c, "12", "800")):
        assert browser(user).post(url, data={"organization": org.slug, "employees": employees,
                                             "premises_m2": m2}).status_code == 302
    coordinator = browser(network["coordinator"])
    response = coordinator.post(f"/achats-groupes/devis/{item.id}/offre", data={
        "offer-supplier": "Mutuelle solidaire (démo)", "offer-text": "Multirisque, franchise 150 €.",
        "offer-terms": "2,10 € par m² et par an", "offer-valid_on": (today() + timedelta(days=20)).isoformat()})
    assert response.status_code == 302
    told = {n.user_id for n in db.session.scalars(sa.select(Notification).where(Notification.kind == "purchase_offer"))}
    assert {a.id, b.id, c.id} <= told
    page = browser(a).text(item.url)
    assert "Mutuelle solidaire (démo)" in page and "Accepter l'offre" in page
    answer = f"/achats-groupes/devis/{item.id}/reponse"
    assert browser(a).post(answer, data={"answer-organization": org_a.slug, "answer": "accepted"}).status_code == 302
    assert browser(b).post(answer, data={"answer-organization": org_b.slug, "answer": "declined"}).status_code == 302
    page = _flat(coordinator.text(item.url))
    assert "1 structure a accepté l'offre." in page
    assert "3 salariés, 120 m² de locaux" in page
    body = coordinator.get(f"/achats-groupes/devis/{item.id}/interesses.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Structure", "SIRET"] and "Nombre de salariés" in rows[0]
    assert [r[0] for r in rows[1:]] == [org_a.name, org_c.name, org_b.name]  # accepted, unanswered, declined
    assert rows[1][-2] == "acceptée" and rows[2][-2] == "sans réponse" and rows[3][-2] == "déclinée"
    assert "120" in rows[1] and "cinema@example.org" in rows[1][-3]  # who to call back, for the insurer


def test_a_member_sees_its_own_details_only_and_cannot_export_or_publish(network, browser):
    _open(browser, network)
    item = db.session.scalar(sa.select(InterestList))
    (a, b, *_), (org_a, org_b, *_) = network["people"], network["orgs"]
    url = f"/achats-groupes/devis/{item.id}/interet"
    browser(a).post(url, data={"organization": org_a.slug, "employees": "3", "premises_m2": "120"})
    browser(b).post(url, data={"organization": org_b.slug, "employees": "7", "premises_m2": "45"})
    page = _flat(browser(b).text(item.url))
    assert org_a.name in page and "120" not in page and "7 salariés, 45 m² de locaux" in page
    member = browser(b)
    assert member.get(f"/achats-groupes/devis/{item.id}/interesses.csv").status_code == 403
    assert member.post(f"/achats-groupes/devis/{item.id}/offre", data={}).status_code == 403
    assert member.post(f"/achats-groupes/devis/{item.id}/annuler").status_code == 403
    outsider = browser(network["outsider"])
    assert "Assurance multirisque" in outsider.text("/achats-groupes/")
    assert outsider.get("/achats-groupes/devis/nouveau").status_code == 403
    assert outsider.post(url, data={"employees": "1", "premises_m2": "1"}).status_code == 403
    assert browser().get(item.url).status_code == 302  # to the login page


def test_bad_input_keeps_what_was_typed(network, browser):
    response = _open(browser, network, title="", closes_on="31/02/2026")
    assert response.status_code == 200 and "Le formulaire contient des erreurs" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(InterestList.id))) == 0
    _open(browser, network)
    item = db.session.scalar(sa.select(InterestList))
    a, org_a = network["people"][0], network["orgs"][0]
    response = browser(a).post(f"/achats-groupes/devis/{item.id}/interet", data={
        "organization": org_a.slug, "employees": "trois", "premises_m2": "120", "note": "Contrat actuel chez X"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'value="120"' in page and "Contrat actuel chez X" in page
    assert db.session.scalar(sa.select(sa.func.count(Interest.id))) == 0
    response = browser(network["coordinator"]).post(f"/achats-groupes/devis/{item.id}/offre", data={
        "offer-supplier": "Mutuelle", "offer-text": "", "offer-terms": "2 € le m²", "offer-valid_on": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Décrivez l'offre négociée." in page and 'value="Mutuelle"' in page
    assert db.session.get(InterestList, item.id).status == "collecting"


def test_withdrawing_and_the_dashboard_panel(network, browser):
    _open(browser, network)
    item = db.session.scalar(sa.select(InterestList))
    a, org_a = network["people"][0], network["orgs"][0]
    member = browser(a)
    url = f"/achats-groupes/devis/{item.id}/interet"
    member.post(url, data={"organization": org_a.slug, "employees": "3", "premises_m2": "120"})
    assert "Assurance multirisque des locaux" in member.text("/mon-espace")
    assert member.post(url, data={"organization": org_a.slug, "withdraw": "1"}).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Interest.id))) == 0
