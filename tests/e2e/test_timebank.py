"""Issue 13 as a new user tries it: the groupement's juriste offers four 1-hour coups de pouce; the theatre company,
on a phone, finds who knows the law, books one; it takes place, both confirm: +1 h for the groupement, −1 h for
the theatre."""
import re

from playwright.sync_api import expect

from market.extensions import db
from market.timebank import skills
from tests.e2e.journeys import flash, follow, go, log_in, send
from tests.factories import make_org, make_user


def _seed():
    juriste = make_user("juriste@example.org", "Léa Juriste")
    groupement = make_org(juriste, name="Groupement d'employeurs du Bocage", commune="03118")
    actor = make_user("theatre@example.org", "Inès Théâtre")
    make_org(actor, name="Compagnie du Hérisson Bavard")
    skills.declare(juriste, groupement, "legal", "expert", True, True, 240, "Statuts d'association, contrats.")
    db.session.commit()


def test_a_coup_de_pouce_given_earns_an_hour(new_page):
    _seed()
    desk = log_in(new_page(), "juriste@example.org")
    go(desk, "/coups-de-pouce/nouveau")
    desk.get_by_label("Je propose").check()
    desk.get_by_label(re.compile("^Compétence")).select_option("legal")
    desk.get_by_label(re.compile("^Titre")).fill("Une heure de juriste : vos statuts")
    desk.get_by_label(re.compile("^Durée prévue")).fill("1")
    desk.get_by_label(re.compile("^Nombre de créneaux")).fill("4")
    send(desk, "Publier")
    expect(desk.locator("#slots-left")).to_have_text("4 créneaux libres sur 4")

    phone = log_in(new_page("phone"), "theatre@example.org")
    go(phone, "/coups-de-pouce/qui-sait-faire-quoi?q=statuts")
    expect(phone.get_by_role("main")).to_contain_text("Groupement d'employeurs du Bocage, Gannat")
    go(phone, "/coups-de-pouce/")
    follow(phone, "Une heure de juriste : vos statuts")
    phone.get_by_label(re.compile("^Message")).fill("Nos statuts datent de 1998.")
    send(phone, "Demander ce coup de pouce")
    expect(flash(phone)).to_contain_text("doit l'accepter")
    exchange_url = phone.url

    go(desk, "/mon-espace")
    panel = desk.get_by_role("region", name="Banque de temps")
    follow(desk, panel.get_by_role("link", name="Une heure de juriste : vos statuts"))
    send(desk, "Accepter")
    desk.get_by_label(re.compile("^Durée du coup de pouce")).fill("1")
    send(desk, "Enregistrer la durée")
    expect(flash(desk)).to_contain_text("Durée enregistrée")

    go(phone, exchange_url)
    send(phone, "Confirmer la durée")
    expect(flash(phone)).to_contain_text("Les heures sont comptées")
    go(phone, "/coups-de-pouce/mon-compte")
    expect(phone.get_by_role("region", name="Compagnie du Hérisson Bavard", exact=True)).to_contain_text("Solde : \u22121 h")
    go(desk, "/coups-de-pouce/mon-compte")
    expect(desk.get_by_role("region", name="Groupement d'employeurs du Bocage", exact=True)).to_contain_text("Solde : 1 h")
