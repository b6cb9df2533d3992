"""The pages as members use them: open the paper group, commit, see the tier fall, close, the CSV files."""
import csv
import io
import re
from datetime import timedelta

import sqlalchemy as sa

from market.extensions import db
from market.fields import today
from market.purchasing.models import PurchaseGroup
from tests.purchasing.conftest import commit
from tests.purchasing.test_closing import pass_deadline


def _form(**overrides):
    data = {"organization": "__reseau__", "title": "Papier A4 recyclé", "unit": "ramette de 500 feuilles",
            "supplier_name": "Papeterie du Bourbonnais", "supplier_contact": "commandes@example.org",
            "tier_1_min": "1", "tier_1_price": "4,20", "tier_2_min": "100", "tier_2_price": "3,80",
            "tier_3_min": "500", "tier_3_price": "3,40", "fixed_costs": "40", "fixed_costs_label": "Livraison",
            "split_rule": "quantity", "min_total": "50", "closes_on": (today() + timedelta(days=10)).isoformat(),
            "delivery_plan": "Retrait au centre social de Cusset"}
    data.update(overrides)
    return data


def test_a_coordinator_opens_the_paper_group_and_members_see_the_tier_fall(network, browser):
    coordinator = browser(network["coordinator"])
    response = coordinator.post("/achats-groupes/nouveau", data=_form())
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    group = db.session.scalar(sa.select(PurchaseGroup))
    assert [(t.min_quantity, t.unit_price_cents) for t in group.tiers] == [(1, 420), (100, 380), (500, 340)]
    assert group.fixed_costs_cents == 4000
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people[:3], orgs[:3], (40, 35, 24)):
        commit(user, group, org, qty)
    page = re.sub(r"<[^>]+>", "", browser(people[3]).text(group.url))  # the words as read
    assert "99 ramettes de 500 feuilles" in page and "4,20" in page
    assert "encore 1 unité pour passer à 3,80" in page.replace("\xa0", " ").replace("\u202f", " ")
    last = browser(people[3])
    response = last.post(f"/achats-groupes/{group.id}/engagement", data={"organization": orgs[3].slug, "quantity": "1"})
    assert response.status_code == 302
    html = last.text(group.url).replace("\xa0", " ")
    page = re.sub(r"<[^>]+>", "", html)
    assert "100 ramettes de 500 feuilles" in page and 'data-figure="price">3,80 €' in html
    assert "palier 2" in page
    dashboard = last.text("/mon-espace")
    assert "Mes achats groupés" in dashboard and "Papier A4 recyclé" in dashboard


def test_bad_input_keeps_what_was_typed_and_says_why(network, browser):
    coordinator = browser(network["coordinator"])
    response = coordinator.post("/achats-groupes/nouveau", data=_form(tier_2_price="4,50", tier_3_min="",
                                                                     min_total="abc"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Papier A4 recyclé" in page and "Le formulaire contient des erreurs" in page
    assert "Remplissez la quantité et le prix de ce palier" in page
    assert db.session.scalar(sa.select(sa.func.count(PurchaseGroup.id))) == 0
    response = coordinator.post("/achats-groupes/nouveau", data=_form(tier_2_price="4,50"))
    assert "baisser" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(PurchaseGroup.id))) == 0


def test_a_refused_commitment_keeps_the_form_and_the_message(network, browser, paper):
    db.session.execute(sa.update(PurchaseGroup).values(max_quantity=30))
    db.session.commit()
    member = browser(network["people"][0])
    response = member.post(f"/achats-groupes/{paper.id}/engagement",
                           data={"organization": network["orgs"][0].slug, "quantity": "45"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "30 unités" in page and 'value="45"' in page


def test_only_the_organiser_closes_and_exports(network, browser, paper):
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people, orgs, (40, 35, 24, 1)):
        commit(user, paper, org, qty)
    member = browser(people[0])
    for url in (f"/achats-groupes/{paper.id}/commande.csv", f"/achats-groupes/{paper.id}/repartition.csv",
                f"/achats-groupes/{paper.id}/commande"):
        assert member.get(url).status_code == 403
    assert member.post(f"/achats-groupes/{paper.id}/clore").status_code == 403
    organiser = browser(network["coordinator"])
    assert organiser.post(f"/achats-groupes/{paper.id}/clore").status_code == 302
    db.session.expire_all()
    assert db.session.get(PurchaseGroup, paper.id).status == "confirmed"
    body = organiser.get(f"/achats-groupes/{paper.id}/repartition.csv").get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Structure" and rows[1] == ["Ciné-Grillon", "40", "3,80", "152,00", "16,00", "0,00", "168,00"]
    assert rows[-1][-1] == "420,00"  # 100 × 3,80 + 40 € of delivery, to the cent
    order = list(csv.reader(io.StringIO(organiser.get(f"/achats-groupes/{paper.id}/commande.csv")
                                        .get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert ["Total fournisseur (€)", "420,00", ""] in order
    assert "Ciné-Grillon" in organiser.text(f"/achats-groupes/{paper.id}/commande")


def test_csv_cells_cannot_run_as_formulas(network, browser):
    from tests.factories import make_org
    user = network["people"][0]
    evil = make_org(user, name="=HYPERLINK(\"http://x\")")
    from tests.purchasing.conftest import open_paper
    group = open_paper(network["coordinator"])
    commit(user, group, evil, 3)
    body = browser(network["coordinator"]).get(f"/achats-groupes/{group.id}/commande.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body


def test_the_page_closes_a_group_past_its_deadline_when_opened(network, browser, paper):
    commit(network["people"][0], paper, network["orgs"][0], 60)
    pass_deadline(paper)
    page = browser(network["people"][0]).text(paper.url)
    assert "confirmé" in page and "Mon engagement" not in page


def test_people_without_an_organisation_see_but_cannot_commit_or_open(network, browser, paper):
    outsider = browser(network["outsider"])
    assert "Papier A4 recyclé" in outsider.text("/achats-groupes/")
    assert outsider.get("/achats-groupes/nouveau").status_code == 403
    assert outsider.post(f"/achats-groupes/{paper.id}/engagement", data={"quantity": "3"}).status_code == 403
    assert browser().get(paper.url).status_code == 302  # to the login page


def test_the_organiser_adds_a_correction_after_closing_and_the_split_shows_it(network, browser, paper):
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people, orgs, (40, 35, 24, 1)):
        commit(user, paper, org, qty)
    organiser = browser(network["coordinator"])
    organiser.post(f"/achats-groupes/{paper.id}/clore")
    url = f"/achats-groupes/{paper.id}/correction"
    response = organiser.post(url, data={"adjust-organization": orgs[0].slug, "adjust-direction": "refund",
                                         "adjust-amount": "3,80", "adjust-reason": ""})
    assert response.status_code == 422 and "Indiquez la raison de la correction." in response.get_data(as_text=True)
    assert 'value="3,80"' in response.get_data(as_text=True)
    assert browser(people[0]).post(url, data={"adjust-organization": orgs[0].slug, "adjust-direction": "refund",
                                              "adjust-amount": "3,80", "adjust-reason": "x"}).status_code == 403
    response = organiser.post(url, data={"adjust-organization": orgs[0].slug, "adjust-direction": "refund",
                                         "adjust-amount": "3,80", "adjust-reason": "Une ramette abîmée"})
    assert response.status_code == 302
    rows = list(csv.reader(io.StringIO(organiser.get(f"/achats-groupes/{paper.id}/repartition.csv")
                                       .get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[1] == ["Ciné-Grillon", "40", "3,80", "152,00", "16,00", "-3,80", "164,20"]
    assert "Une ramette abîmée" in organiser.text(paper.url)


def test_once_confirmed_each_member_reads_its_own_amount_first_with_its_corrections(network, browser, paper):
    people, orgs = network["people"], network["orgs"]
    for user, org, qty in zip(people, orgs, (40, 35, 24, 1)):
        commit(user, paper, org, qty)
    organiser = browser(network["coordinator"])
    organiser.post(f"/achats-groupes/{paper.id}/clore")
    organiser.post(f"/achats-groupes/{paper.id}/correction", data={
        "adjust-organization": orgs[0].slug, "adjust-direction": "refund", "adjust-amount": "3,80",
        "adjust-reason": "Une ramette abîmée"})
    page = re.sub(r"\s+", " ", browser(people[0]).text(paper.url).replace("\xa0", " ").replace("\u202f", " "))
    due = page[page.index("Mon montant à régler"):page.index("Le produit et le fournisseur")]
    assert "40 ramettes de 500 feuilles × 3,80 € = 152,00 €, plus 16,00 € de frais fixes" in due
    assert "-3,80 € de corrections : 164,20 € à régler" in due and "Une ramette abîmée" in due
    other = browser(people[3]).text(paper.url).replace("\xa0", " ").replace("\u202f", " ")
    assert "Une ramette abîmée" not in other and "4,20 € à régler" in other
    order = re.sub(r"<[^>]+>", "", organiser.text(f"/achats-groupes/{paper.id}/commande")).replace("\u202f", " ")
    assert "100 ramettes de 500 feuilles" in order and "Total dû au fournisseur" in order
    assert "420,00" in order.replace("\xa0", " ")
