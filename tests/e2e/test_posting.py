"""An association signs up, creates its organisation and posts a need, on a computer and on a phone."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journeys import flash, follow, go, open_menu_if_closed, send
from tests.factories import confirmation_path, read_outbox

ORG = "Lecteurs en braille de l'Allier"
NEED = "Vidéoprojecteur pour une lecture publique"


def sign_up(page, app, name, email, password="une phrase de passe solide"):
    open_menu_if_closed(page)
    follow(page, page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Créer un compte"))
    form = page.get_by_role("main")
    form.get_by_label("Votre nom").fill(name)
    form.get_by_label("Adresse e-mail").fill(email)
    form.get_by_label(re.compile(r"^Mot de passe")).fill(password)
    form.get_by_label("Confirmez le mot de passe").fill(password)
    send(page, "Créer mon compte")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte mail")
    mail = [m for m in read_outbox(app.config["MAIL_OUTBOX"]) if m["To"] == email][-1]
    go(page, confirmation_path(mail))  # the link of the e-mail, opened in the same browser
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(flash(page)).to_contain_text("votre compte est prêt")


def create_organization(page, name):
    follow(page, "Créer la fiche de ma structure")
    main = page.get_by_role("main")
    main.get_by_label("Nom de la structure").fill(name)
    main.get_by_label("Forme juridique").select_option(label="Association")
    main.get_by_label("Secteurs d'activité").fill("culture; lecture; handicap visuel")
    main.get_by_label("Commune", exact=False).first.fill("Vichy")
    main.get_by_label("Nous avons lu et signons la charte").check()
    send(page, "Créer la structure")
    expect(flash(page)).to_contain_text("Votre structure est créée")
    board = page.get_by_role("region", name=re.compile(re.escape(name)))
    expect(board.get_by_text("À vérifier")).to_be_visible()
    return board


def post_need(page, board):
    follow(page, board.get_by_role("link", name="Publier une annonce"))
    main = page.get_by_role("main")
    expect(main.get_by_label("Au nom de")).to_have_value(re.compile(r".+"))
    main.get_by_role("radio", name="Besoin").check()
    main.get_by_label("Catégorie").select_option(label="Matériel")
    main.get_by_label("Titre", exact=False).first.fill(NEED)
    main.get_by_label("Description").fill("Pour une lecture à voix haute à la médiathèque, un samedi de juin.")
    main.get_by_label("Commune", exact=False).first.fill("Cusset")
    main.get_by_label("Urgent (besoins seulement)").check()
    send(page, "Publier")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    expect(flash(page)).to_contain_text("elle sera publiée après vérification")
    expect(page.get_by_text("En attente de modération").first).to_be_visible()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_association_signs_up_creates_its_organisation_and_posts_a_need(new_page, app, screen):
    page = go(new_page(screen), "/")
    sign_up(page, app, "Bérénice Braille", "berenice@example.org")
    board = create_organization(page, ORG)
    post_need(page, board)

    open_menu_if_closed(page)
    follow(page, page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Mon espace"))
    board = page.get_by_role("region", name=re.compile(re.escape(ORG)))
    expect(board.get_by_role("heading", name="En attente de modération (1)")).to_be_visible()
    expect(board.get_by_role("link", name=NEED)).to_be_visible()

    # Not public yet: a visitor's search does not find it.
    visitor = go(new_page(screen), "/annonces/?q=vidéoprojecteur")
    expect(visitor.get_by_role("link", name=NEED)).to_have_count(0)
