"""On a phone, a member borrows a sound system: request, acceptance with a deposit, pick-up, return."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.exchange_data import today
from tests.e2e.journeys import flash, follow, go, log_in, send

SONO = "Sonorisation portable 200 W"


def status(page):
    return page.locator(".page-header .lead")


def ask_to_borrow(page, sono, start, due):
    go(page, f"/annonces/{sono.id}")
    follow(page, "Voir les disponibilités et emprunter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Emprunter : {SONO}")
    days = page.get_by_role("region", name="Disponibilité sur quatre semaines")
    expect(days.get_by_role("row").nth(3)).to_contain_text("1 / 1")  # the pick-up day, free for now
    form = page.get_by_role("region", name="Demander un prêt")
    quantity, pickup = form.get_by_label("Quantité (obligatoire)"), form.get_by_label("Retrait le (obligatoire)")
    quantity.fill("2")  # one only on offer
    pickup.fill((start - timedelta(days=3)).isoformat())  # in the past
    form.get_by_label("Retour le (obligatoire)").fill(due.isoformat())
    form.get_by_label("Message pour la structure").fill("Pour la fête de quartier, avec les deux micros.")
    send(page, "Envoyer la demande")
    # Each reason sits on the field to correct (and in the summary above the form): the date field
    # refuses a past day first, then the request itself is checked (the quantity on offer).
    expect(pickup).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#starts_on-error")).to_contain_text("Choisissez une date entre aujourd")
    expect(quantity).to_have_value("2")  # what was typed is kept
    pickup.fill(start.isoformat())
    send(page, "Envoyer la demande")
    expect(quantity).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#quantity-error")).to_contain_text("Cette annonce ne propose qu'1 exemplaire.")
    expect(page.get_by_role("alert").filter(has_text="Le formulaire contient des erreurs")).to_contain_text(
        "Quantité : Cette annonce ne propose qu'1 exemplaire.")

    quantity.fill("1")
    pickup.fill(start.isoformat())
    send(page, "Envoyer la demande")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Prêt : {SONO}")
    expect(flash(page)).to_contain_text("Votre demande de prêt est envoyée à Cinéma du Bourbonnais")
    expect(status(page)).to_contain_text("Demandé")


def test_a_member_borrows_equipment_on_a_phone_through_pickup_and_return(new_page):
    net = seed_network()
    start, due = today() + timedelta(days=2), today() + timedelta(days=4)
    borrower = log_in(new_page("phone"), net.league_admin.email)
    ask_to_borrow(borrower, net.sono, start, due)
    loan_url = borrower.url
    expect(borrower.get_by_role("button", name="Accepter le prêt")).to_have_count(0)  # not the borrower's to accept

    # The lender finds the request on the item's page and accepts it, asking for a 50 € deposit.
    lender = log_in(new_page(), net.cinema_admin.email)
    go(lender, f"/prets/materiel/{net.sono.id}")
    loans = lender.get_by_role("region", name="Prêts de ce matériel")
    expect(loans).to_contain_text("Ligue de l'enseignement du Bassin")
    follow(lender, loans.get_by_role("link", name=re.compile(SONO)))
    expect(lender.get_by_text("Pour la fête de quartier, avec les deux micros.")).to_be_visible()
    lender.get_by_label("Caution demandée (€)").fill("50")
    send(lender, "Accepter le prêt")
    expect(flash(lender)).to_contain_text("Prêt accepté")
    expect(status(lender)).to_contain_text("Accepté")

    # The item is now lent on those days.
    go(borrower, f"/prets/materiel/{net.sono.id}")
    days = borrower.get_by_role("region", name="Disponibilité sur quatre semaines")
    expect(days.get_by_role("row").nth(3)).to_contain_text("0 / 1")
    expect(days.get_by_role("row").nth(1)).to_contain_text("1 / 1")  # today: still free

    # Hand-over: what was checked, and the deposit is now held.
    pickup = lender.locator("form", has=lender.get_by_role("heading", name="Enregistrer le retrait"))
    pickup.get_by_label("Complet (tous les éléments, câbles et accessoires)").check()
    pickup.get_by_label("Fonctionne").check()
    send(lender, "Le matériel est retiré")
    expect(flash(lender)).to_contain_text("Retrait enregistré")
    expect(status(lender)).to_contain_text("Retiré")
    expect(lender.get_by_text("50,00 € – Caution encaissée")).to_be_visible()

    # Return: the deposit is given back.
    back = lender.locator("form", has=lender.get_by_role("heading", name="Enregistrer le retour"))
    back.get_by_label("Complet (tous les éléments, câbles et accessoires)").check()
    back.get_by_label("Note sur l'état").fill("Rendue propre, merci !")
    back.get_by_label("Caution rendue").check()
    send(lender, "Le matériel est rendu")
    expect(flash(lender)).to_contain_text("Retour enregistré")
    expect(status(lender)).to_contain_text("Rendu")
    expect(lender.get_by_role("button", name="Le matériel est rendu")).to_have_count(0)

    # The borrower, on the phone, sees the same story.
    go(borrower, loan_url)
    expect(status(borrower)).to_contain_text("Rendu")
    expect(borrower.get_by_text("50,00 € – Caution rendue")).to_be_visible()
    expect(borrower.get_by_text("Rendue propre, merci !")).to_be_visible()
