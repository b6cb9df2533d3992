"""A coordinator opens "Papier A4 recyclé"; on a phone, the fourth association's 1 ream reaches the second tier."""
import csv
import io
import re
from datetime import timedelta

from playwright.sync_api import expect

from market.extensions import db
from market.fields import today
from market.purchasing import services
from tests.e2e.journeys import flash, follow, go, log_in, send
from tests.factories import CUSSET, GANNAT, VICHY, make_coordinator, make_org, make_user

ASSOCIATIONS = (("centres", "Foyers du Sichon", CUSSET, 40), ("handisport", "Comité Handisport", GANNAT, 35),
                ("sport", "Élan Sport Adapté", VICHY, 24), ("cinema", "Ciné-Grillon", VICHY, 1))


def _open_paper(page):
    go(page, "/achats-groupes/")
    follow(page, "Ouvrir un achat groupé")
    page.get_by_label(re.compile("^Produit ou service")).fill("Papier A4 recyclé")
    page.get_by_label(re.compile("^Unité")).fill("ramette de 500 feuilles")
    page.get_by_label(re.compile("^Fournisseur")).fill("Papeterie des Sources")
    for n, (low, price) in enumerate((("1", "4,20"), ("100", "3,80"), ("500", "3,40")), start=1):
        page.get_by_label(f"Palier {n} : à partir de (unités)").fill(low)
        page.get_by_label(f"Palier {n} : prix unitaire (€)").fill(price)
    page.get_by_label(re.compile("^Frais fixes à partager")).fill("40")
    page.get_by_label("Nature des frais fixes").fill("Livraison")
    page.get_by_label(re.compile("^Quantité totale minimum")).fill("50")
    page.get_by_label(re.compile("^Date limite des engagements")).fill((today() + timedelta(days=10)).isoformat())
    send(page, "Ouvrir l'achat groupé")
    expect(flash(page)).to_contain_text("Achat groupé ouvert")
    expect(page.get_by_role("heading", level=1)).to_have_text("Papier A4 recyclé")


def test_the_price_falls_for_everyone_and_the_amounts_add_up(app, new_page):
    coordinator = make_coordinator()
    members = [(make_user(f"{key}@example.org", f"Équipe {name}"), name, commune, qty)
               for key, name, commune, qty in ASSOCIATIONS]
    orgs = [make_org(user, name, commune=commune) for user, name, commune, _qty in members]

    organiser = log_in(new_page(), coordinator.email)
    _open_paper(organiser)
    group_url = organiser.url

    from market.purchasing.models import PurchaseGroup
    with app.test_request_context():
        group = db.session.scalar(db.select(PurchaseGroup))
        for (user, *_rest, qty), org in list(zip(members, orgs))[:3]:
            services.commit(user, group, org, qty)
        db.session.commit()

    phone = log_in(new_page("phone"), members[3][0].email)
    go(phone, group_url)
    figures = phone.get_by_role("region", name="Où en est l'achat")
    expect(figures.locator("[data-figure=total]")).to_have_text("99 ramettes de 500 feuilles")
    expect(figures.locator("[data-figure=next]")).to_contain_text("encore 1 unité pour passer à 3,80")
    mine = phone.get_by_role("region", name="Mon engagement")
    mine.get_by_label(re.compile("^Quantité")).fill("1")
    send(phone, "Enregistrer mon engagement")
    expect(flash(phone)).to_contain_text("Engagement enregistré : 1 ramette de 500 feuilles pour Ciné-Grillon")
    expect(figures.locator("[data-figure=total]")).to_have_text("100 ramettes de 500 feuilles")
    expect(figures.locator("[data-figure=price]")).to_contain_text("3,80")
    expect(figures.locator("[data-figure=tier]")).to_contain_text("palier 2")

    go(organiser, group_url)
    send(organiser, "Clore maintenant et confirmer")
    expect(flash(organiser)).to_contain_text("Achat confirmé")
    table = organiser.get_by_role("region", name="Structures engagées")
    expect(table.get_by_role("row", name=re.compile("Foyers du Sichon"))).to_contain_text("168,00")
    with organiser.expect_download() as download:
        organiser.get_by_role("link", name="Répartition par structure (CSV)").click()
    with open(download.value.path(), encoding="utf-8-sig") as fh:
        body = fh.read()
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert [r[-1] for r in rows[1:5]] == ["168,00", "147,00", "100,80", "4,20"]
    assert rows[-1][-1] == "420,00"  # the four amounts add up to the supplier's total, to the cent

    go(phone, "/mon-espace")
    panel = phone.get_by_role("region", name="Mes achats groupés")
    expect(panel).to_contain_text("montant dû : 4,20")
