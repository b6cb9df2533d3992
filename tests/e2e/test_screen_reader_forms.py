"""What a screen reader says in forms: names, required fields, and the errors after a failed submission."""
import re

from playwright.sync_api import expect

from tests.e2e import aria
from tests.e2e.data import seed_network
from tests.e2e.journeys import go, log_in, press, send
from tests.factories import make_user

REQUIRED = "(obligatoire)"


def expect_summary(page, fields: list[str]):
    """The error summary is an alert, takes the focus, and lists the errors in the order of the fields."""
    summary = page.get_by_role("alert", name="Le formulaire contient des erreurs")
    expect(summary).to_be_focused()
    links = [n.name.split(" : ")[0] for n in aria.read(page).all("alert")[0].all("link")]
    assert links == fields, f"the summary reads {links}, the form shows {fields}"


def expect_invalid(control, message: str):
    """The field is exposed as invalid and its error is read with it, as its description."""
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(control).to_have_accessible_description(re.compile(r"Erreur : " + re.escape(message)))


def required_names(page) -> dict[str, bool]:
    """Controls whose name says « (obligatoire) », with the required state Chromium gives screen readers."""
    return {n["name"].replace(REQUIRED, "").strip(): n.get("required") for n in aria.chromium_tree(page)
            if REQUIRED in n["name"] and n["role"] in ("textbox", "combobox", "radiogroup", "group", "checkbox")}


def test_sign_up_errors_are_announced_and_what_was_typed_is_kept(new_page):
    make_user("deja@example.org", "Déjà Inscrite")
    page = go(new_page("phone"), "/inscription")
    main = page.get_by_role("main")
    assert required_names(page) == {"Votre nom (affiché aux autres membres)": True, "Adresse e-mail": True,
                                    "Mot de passe": True, "Confirmez le mot de passe": True}
    email = main.get_by_role("textbox", name=re.compile("^Adresse e-mail"))
    email.fill("pas-une-adresse")
    send(page, "Créer mon compte")
    expect_summary(page, ["Votre nom (affiché aux autres membres)", "Adresse e-mail", "Mot de passe",
                          "Confirmez le mot de passe"])
    expect_invalid(main.get_by_role("textbox", name=re.compile("^Votre nom")), "Indiquez votre nom.")
    expect_invalid(email, "Saisissez une adresse e-mail valide")
    expect(email).to_have_value("pas-une-adresse")
    password = main.get_by_role("textbox", name=re.compile("^Mot de passe"))
    expect(password).to_have_accessible_description(re.compile(r"^Au moins 10 caractères.*Erreur : "))
    assert [n.name for n in aria.read(page).all("textbox") if n.attrs.get("invalid")][-4:] == [
        f"Votre nom (affiché aux autres membres) {REQUIRED}", f"Adresse e-mail {REQUIRED}",
        f"Mot de passe {REQUIRED}", f"Confirmez le mot de passe {REQUIRED}"]


def test_post_form_says_which_fields_are_required_and_announces_its_errors(new_page):
    net = seed_network()
    page = log_in(new_page(), net.cinema_admin.email)
    go(page, "/annonces/nouvelle")
    required = required_names(page)
    assert set(required) == {"Au nom de", "Vous publiez", "Catégorie", "Titre", "Description", "Commune"}
    # Chromium gives the required state of text fields and radio groups (not of a <select>: its name says it).
    assert all(required[name] for name in ("Vous publiez", "Titre", "Description", "Commune")), required
    main = page.get_by_role("main")
    main.get_by_role("textbox", name=re.compile("^Titre")).fill("Barnums pour la fête du quartier")
    main.get_by_role("combobox", name=re.compile("^Conditions")).select_option(label="Prêt")
    send(page, "Publier")

    expect_summary(page, ["Vous publiez", "Description", "Commune"])
    kind = main.get_by_role("radiogroup", name=re.compile("^Vous publiez"))
    expect(kind).to_have_accessible_description(re.compile("Erreur : Choisissez offre ou besoin."))
    expect(kind.get_by_role("radio", name="Offre")).to_have_attribute("aria-invalid", "true")
    expect_invalid(main.get_by_role("textbox", name=re.compile("^Description")), "Décrivez l'annonce")
    expect_invalid(main.get_by_role("combobox", name=re.compile("^Commune")), "Indiquez la commune.")
    expect(main.get_by_role("textbox", name=re.compile("^Titre"))).to_have_value("Barnums pour la fête du quartier")
    expect(main.get_by_role("textbox", name=re.compile("^Titre"))).not_to_have_attribute("aria-invalid", "true")
    expect(main.get_by_role("combobox", name=re.compile("^Conditions"))).to_have_value("loan")


def test_login_errors_are_announced_and_the_address_is_kept(new_page):
    make_user("membre@example.org", "Marc Membre")
    page = go(new_page(), "/connexion")
    main = page.get_by_role("main")
    send(page, "Se connecter")
    expect_summary(page, ["Adresse e-mail", "Mot de passe"])
    email = main.get_by_role("textbox", name=re.compile("^Adresse e-mail"))
    expect_invalid(email, "Saisissez une adresse e-mail valide")
    expect_invalid(main.get_by_role("textbox", name=re.compile("^Mot de passe")), "Saisissez votre mot de passe.")

    email.fill("membre@example.org")
    main.get_by_role("textbox", name=re.compile("^Mot de passe")).fill("pas le bon mot de passe")
    press(page, "Enter")
    expect(page.get_by_role("alert").filter(has_text="incorrect")).to_have_text(
        re.compile(r"^\s*Erreur :\s+Adresse e-mail ou mot de passe incorrect.\s*$"))  # read at once, in words
    expect(main.get_by_role("textbox", name=re.compile("^Adresse e-mail"))).to_have_value("membre@example.org")
    expect(page.get_by_role("checkbox", name="Rester connecté sur cet appareil")).to_be_visible()
