"""Forms for every user: labels in words, required fields said in words, errors tied to their fields."""
import re

from playwright.sync_api import expect

from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, go, log_in, press, send
from tests.e2e.keyboard import is_focused, tab_to
from tests.factories import PASSWORD, make_user


def error_of(page, field_id: str) -> str:
    """The text of the error message tied to a field through aria-describedby (on it or on its fieldset)."""
    return page.evaluate("""id => {
        const el = document.getElementById(id);
        const owner = el.getAttribute('aria-describedby') ? el : el.closest('fieldset[aria-describedby]');
        const ids = owner ? owner.getAttribute('aria-describedby').split(/\\s+/) : [];
        return ids.map(i => document.getElementById(i)).filter(e => e && e.classList.contains('field-error'))
                  .map(e => e.textContent.replace(/\\s+/g, ' ').trim()).join(' | ');
    }""", field_id)


def expect_error(page, field_id: str, message: str):
    field = page.locator(f"#{field_id}")
    if field.evaluate("e => e.tagName") != "FIELDSET":
        expect(field).to_have_attribute("aria-invalid", "true")
    text = error_of(page, field_id)
    assert message in text, f"#{field_id}: expected an error « {message} » tied to it, found « {text} »"
    assert text.startswith("Erreur :"), f"#{field_id}: the error is not announced as one in words: « {text} »"


def test_post_form_errors_are_tied_to_their_fields_and_the_summary_leads_to_them(new_page):
    net = seed_network()
    page = log_in(new_page(), net.cinema_admin.email)
    go(page, "/annonces/nouvelle")
    for name in ("Vous publiez", "Titre", "Description", "Commune"):
        expect(page.get_by_text(re.compile(rf"^{name}\s*\(obligatoire\)$"))).to_be_visible()
    send(page, "Publier")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # a screen reader reads it at once
    expect(summary).to_have_attribute("role", "alert")
    expect_error(page, "kind", "Choisissez offre ou besoin.")
    expect_error(page, "title", "Donnez un titre à l'annonce.")
    expect_error(page, "description", "Décrivez l'annonce en quelques lignes.")
    expect_error(page, "commune", "Indiquez la commune.")
    # The summary's link to the title moves the focus to the field itself.
    page.keyboard.press("Tab")
    tab_to(page, ".error-summary a[href='#title']")
    page.keyboard.press("Enter")
    assert is_focused(page, "#title")


def test_sign_up_errors_are_tied_to_their_fields(new_page):
    make_user("deja@example.org", "Déjà Inscrite")
    page = go(new_page("phone"), "/inscription")
    main = page.get_by_role("main")
    main.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    main.get_by_label(re.compile(r"^Mot de passe")).fill("court")
    main.get_by_label("Confirmez le mot de passe").fill("différent")
    send(page, "Créer mon compte")
    expect(page.locator(".error-summary")).to_be_focused()
    expect_error(page, "display_name", "Indiquez votre nom.")
    expect_error(page, "email", "Saisissez une adresse e-mail valide")
    expect_error(page, "password", "au moins 10 caractères")
    expect_error(page, "confirm", "Les deux mots de passe ne correspondent pas.")
    expect(main.get_by_label("Adresse e-mail")).to_have_value("pas-une-adresse")  # what was typed is kept

    main.get_by_label("Votre nom").fill("Déjà Inscrite")
    main.get_by_label("Adresse e-mail").fill("deja@example.org")
    main.get_by_label(re.compile(r"^Mot de passe")).fill("une phrase de passe solide")
    main.get_by_label("Confirmez le mot de passe").fill("une phrase de passe solide")
    send(page, "Créer mon compte")  # a known address: the same answer as a new one (the owner gets an e-mail)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte mail")
    expect(page.get_by_text("existe déjà")).to_have_count(0)


def test_organisation_form_refuses_a_missing_charter_and_a_bad_siret(new_page):
    make_user("asso@example.org", "Anne Asso")
    page = log_in(new_page(), "asso@example.org")
    go(page, "/structures/nouvelle")
    main = page.get_by_role("main")
    main.get_by_label("Nom de la structure").fill("Comité handisport du Bourbonnais")
    main.get_by_label(re.compile(r"^Commune")).fill("Gannat")
    main.get_by_label("SIRET").fill("12345678901234")
    send(page, "Créer la structure")
    expect_error(page, "charter", "L'adhésion au réseau suppose de signer la charte.")
    expect_error(page, "siret", "SIRET invalide")
    expect(main.get_by_label(re.compile(r"^Commune"))).to_have_value(re.compile("Gannat"))


def test_a_failed_login_is_announced_in_words(new_page):
    make_user("membre@example.org", "Marc Membre")
    page = go(new_page(), "/connexion")
    page.get_by_label("Adresse e-mail").fill("membre@example.org")
    page.get_by_label(re.compile(r"^Mot de passe")).fill("pas le bon mot de passe")
    page.get_by_label(re.compile(r"^Mot de passe")).focus()
    press(page, "Enter")  # Enter in a field sends its form
    alert = page.get_by_role("alert").filter(has_text="incorrect")
    expect(alert).to_contain_text("Erreur : Adresse e-mail ou mot de passe incorrect.")
    expect(flash(page)).to_have_count(1)


def test_the_live_server_checks_csrf_tokens_so_the_journeys_prove_they_are_sent(new_page):
    """The journeys run with CSRF on: a post without the form's token is refused, one with it goes through."""
    make_user("membre@example.org", "Marc Membre")
    page = go(new_page(), "/connexion")
    fields = {"email": "membre@example.org", "password": PASSWORD}
    refused = page.request.post("/connexion", form=fields, max_redirects=0)
    assert refused.status == 400
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    accepted = page.request.post("/connexion", form={**fields, "csrf_token": token}, max_redirects=0)
    assert accepted.status == 302 and accepted.headers["location"].endswith("/mon-espace")
