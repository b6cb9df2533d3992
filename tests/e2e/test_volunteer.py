"""A volunteer signs up, sees the needs near them that fit (no organisation tools on "Mon espace"), offers a
hand through the menu, and sees the organisations' needs that match it."""
import re

import sqlalchemy as sa
from playwright.sync_api import expect

from market.extensions import db
from market.listings.models import Listing
from market.moderation.services import approve_listing
from tests.e2e.data import seed_network
from tests.e2e.journeys import flash, follow, go, send
from tests.factories import confirmation_path, read_outbox

OFFER = "Conduite du minibus et accueil du public"


def approve(coordinator, title):
    """A coordinator's approval (its pages are walked in test_moderation.py), committed for the server."""
    db.session.rollback()  # end the test thread's snapshot: see what the browser wrote
    listing = db.session.scalar(sa.select(Listing).where(Listing.title == title))
    approve_listing(coordinator, listing)
    db.session.commit()


def test_volunteer_signs_up_offers_a_hand_and_sees_matching_needs(new_page, app):
    net = seed_network()
    page = go(new_page(), "/")
    follow(page, page.get_by_role("main").get_by_role("link", name="Devenir bénévole"))
    expect(page.get_by_role("heading", level=1)).to_have_text("S'inscrire comme bénévole")
    main = page.get_by_role("main")
    main.get_by_label("Votre nom").fill("Vincent Volant")
    main.get_by_label("Adresse e-mail").fill("vincent@example.org")
    main.get_by_label(re.compile(r"^Mot de passe")).fill("une phrase de passe solide")
    main.get_by_label("Confirmez le mot de passe").fill("une phrase de passe solide")
    main.get_by_label("Votre commune").fill("Cusset")
    main.get_by_label("Jusqu'à quelle distance").fill("15")
    main.get_by_label("Vos compétences").fill("conduite; accueil")
    main.get_by_role("group", name=re.compile("Vos disponibilités")).get_by_label("Le week-end").check()
    send(page, "Enregistrer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte mail")
    mail = [m for m in read_outbox(app.config["MAIL_OUTBOX"]) if m["To"] == "vincent@example.org"][-1]
    go(page, confirmation_path(mail))  # the e-mail's link confirms the address and logs in
    expect(flash(page)).to_contain_text("votre compte est prêt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")

    home = page.get_by_role("region", name="Mon bénévolat")  # the needs near them that fit, urgent first
    expect(home.get_by_role("listitem").first).to_contain_text(net.driver.title)
    expect(home).to_contain_text("Correspond à vos compétences : conduite, accueil")
    expect(page.get_by_role("main").get_by_role("link", name="Publier une annonce")).to_have_count(0)
    follow(page, page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Publier une annonce"))
    main = page.get_by_role("main")
    expect(main.get_by_label("Au nom de")).to_have_value("")  # as an individual volunteer
    main.get_by_role("radio", name="Offre").check()
    main.get_by_label("Catégorie").select_option(label="Bénévolat")
    main.get_by_label(re.compile(r"^Titre")).fill(OFFER)
    main.get_by_label("Description").fill("Permis B depuis vingt ans, disponible le week-end pour conduire et accueillir.")
    main.get_by_label(re.compile(r"^Commune")).fill("Cusset")
    main.get_by_label("Mots-clés").fill("conduite; accueil; minibus")
    send(page, "Publier")
    expect(flash(page)).to_contain_text("elle sera publiée après vérification")

    approve(net.coordinator, OFFER)
    go(page, page.url)  # the volunteer comes back to the page of the offer
    matches = page.get_by_role("region", name="Besoins auxquels cette offre pourrait répondre")
    expect(matches.get_by_role("link", name=net.driver.title)).to_be_visible()
    follow(page, matches.get_by_role("link", name="Toutes mes correspondances"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes correspondances")
    own = page.get_by_role("region", name=re.compile("bénévole"))
    expect(own.get_by_role("link", name=OFFER)).to_be_visible()
    suggestion = own.get_by_role("listitem").filter(has_text=net.driver.title)
    expect(suggestion.get_by_text("Besoin", exact=True)).to_be_visible()
    expect(suggestion.get_by_text(re.compile(r"pertinence : \d+ %"))).to_be_visible()
