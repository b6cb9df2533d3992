"""Issue 14's "Done means", as people would try it. On a phone (375×812): a volunteer signs up, sees the cycling
race 7 km away on "Mon espace", takes "signaleur 8h–12h", cannot take "buvette 11h–15h" (overlap named), gets a
reminder; the race fills, a sixth volunteer waits, one cancels, the sixth is offered the place and confirms. On a
desktop: the organiser invites the volunteer from the pool (accepted in one click on the phone), prints the roster,
confirms the hours after the race, exports the association's hours (valuation and its method); the volunteer sees 4 h."""
import re
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from playwright.sync_api import expect

from market.events import notices, rules, services
from market.events.models import Shift
from market.extensions import db
from market.places.models import PlaceHold
from tests.e2e.journeys import flash, follow, go, log_in, send
from tests.events.conftest import volunteer
from tests.events.helpers import make_event
from tests.factories import confirmation_path, make_org, make_user, read_outbox

SAINT_YORRE = "03264"
PHONE = {"viewport": {"width": 375, "height": 812}}


def _seed():
    organiser = make_user("club@example.org", "Odile Vélo")
    club = make_org(organiser, name="Vélo Club de Saint-Yorre", commune=SAINT_YORRE)
    event = make_event(organiser, club, commune=SAINT_YORRE,
                       shifts=[("signaleur", 8, 12, 5), ("buvette", 11, 15, 6), ("rangement", 15, 17, 4)])
    others = [volunteer(f"v{i}@example.org", f"Bénévole {i}") for i in range(4)]
    for person in others:
        services.sign_up(person, event.shifts[0])
    sixth = volunteer("sixieme@example.org", "Sixtine Sixième")
    db.session.commit()
    return event, club, others, sixth


def _sign_up_as_a_volunteer(page, app):
    go(page, "/benevole")
    main = page.get_by_role("main")
    main.get_by_label("Votre nom").fill("Véra Bénévole")
    main.get_by_label("Adresse e-mail").fill("vera@example.org")
    main.get_by_label(re.compile(r"^Mot de passe")).fill("une phrase de passe solide")
    main.get_by_label("Confirmez le mot de passe").fill("une phrase de passe solide")
    main.get_by_label("Votre commune").fill("Vichy")
    main.get_by_label(re.compile("^Jusqu'à quelle distance")).fill("12")
    main.get_by_label("Vos compétences").fill("signalisation; conduite minibus")
    main.get_by_label("Apparaître dans le vivier de bénévoles du réseau").check()
    send(page, "Enregistrer")
    mail = [m for m in read_outbox(app.config["MAIL_OUTBOX"]) if m["To"] == "vera@example.org"][-1]
    go(page, confirmation_path(mail))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")


def _hold(email, shift_id):
    db.session.rollback()  # a fresh snapshot: see what the browser wrote
    return db.session.scalar(sa.select(PlaceHold).join(Shift, Shift.pool_id == PlaceHold.pool_id).where(
        Shift.id == shift_id, PlaceHold.user.has(email=email)))


def test_done_means_a_volunteer_and_an_organiser_through_a_cycling_race(new_page, app):
    event, club, others, sixth = _seed()
    signaleur, buvette, rangement = (s.id for s in event.shifts)
    phone = new_page("phone", **PHONE)
    _sign_up_as_a_volunteer(phone, app)
    home = phone.get_by_role("region", name="Mon bénévolat")
    expect(home).to_contain_text("Près de chez vous, à 12 km au plus")
    card = home.get_by_role("listitem").filter(has_text="Course cycliste des Côtes").first
    expect(card).to_contain_text("7 km, Saint-Yorre")
    follow(phone, card.get_by_role("button", name=re.compile(r"^Je m'inscris – signaleur")))
    expect(flash(phone)).to_contain_text("vous êtes inscrit(e)")  # the fifth of five places
    follow(phone, phone.get_by_role("button", name=re.compile(r"^Je m'inscris – buvette")))
    expect(flash(phone)).to_contain_text("chevauche un créneau où vous êtes déjà inscrit(e) : « signaleur »")

    db.session.rollback()
    race_day = rules.paris_day(db.session.get(Shift, signaleur).starts_at)
    with app.test_request_context():
        notices.send_reminders(race_day - timedelta(days=1))  # the cron, the day before
        db.session.commit()
    go(phone, "/notifications")
    expect(phone.get_by_role("main")).to_contain_text("Rappel : demain, « signaleur »")

    sixth_phone = log_in(new_page("phone", **PHONE), sixth.email)
    go(sixth_phone, f"/evenements/{event.id}")
    expect(sixth_phone.locator(f"#shift-{signaleur}")).to_contain_text("Complet : inscription en liste d'attente")
    waiting_list = re.compile(r"^Je m'inscris en liste d'attente – signaleur")
    follow(sixth_phone, sixth_phone.get_by_role("button", name=waiting_list))
    expect(flash(sixth_phone)).to_contain_text("liste d'attente (position 1)")
    leaving = _hold(others[0].email, signaleur)
    with app.test_request_context():
        services.cancel(others[0], leaving, db.session.get(Shift, signaleur))  # one of the five cancels
        db.session.commit()
    go(sixth_phone, "/evenements/mes-creneaux")
    expect(sixth_phone.get_by_role("main")).to_contain_text("Une place s'est libérée pour vous")
    follow(sixth_phone, sixth_phone.get_by_role("button", name=re.compile(r"^Je confirme ma place")))
    expect(flash(sixth_phone)).to_contain_text("Place confirmée")

    desk = log_in(new_page(), "club@example.org")
    go(desk, f"/evenements/vivier?creneau={rangement}")
    found = desk.get_by_role("region", name=re.compile("^Bénévoles pour « rangement »"))
    follow(desk, found.get_by_role("button", name="Inviter à ce créneau – Véra Bénévole"))
    expect(flash(desk)).to_contain_text("Invitation envoyée à Véra Bénévole")
    go(phone, "/mon-espace")
    follow(phone, phone.get_by_role("region", name="Mon bénévolat").get_by_role(
        "button", name=re.compile(r"^J'accepte – rangement")))
    expect(flash(phone)).to_contain_text("vous êtes inscrit(e)")

    go(desk, f"/evenements/{event.id}/equipe")
    expect(desk.get_by_role("button", name="Imprimer l'équipe")).to_be_visible()
    expect(desk.get_by_role("table", name="Bénévoles du créneau signaleur")).to_contain_text("Sixtine Sixième")
    db.session.rollback()
    shift = db.session.get(Shift, signaleur)  # the race is over: it was yesterday
    shift.starts_at, shift.ends_at = shift.starts_at - timedelta(days=11), shift.ends_at - timedelta(days=11)
    db.session.commit()
    go(desk, f"/evenements/{event.id}/equipe")
    follow(desk, desk.get_by_role("link", name=re.compile("^Confirmer les présences et les heures – signaleur")))
    expect(desk.get_by_role("group", name="Véra Bénévole").get_by_label("Heures comptées")).to_have_value("4")
    send(desk, "Enregistrer les présences")
    expect(flash(desk)).to_contain_text("Présences et heures enregistrées.")
    go(desk, f"/evenements/structure/{club.slug}/heures")
    expect(desk.get_by_role("main")).to_contain_text("SMIC horaire brut")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Télécharger les heures (CSV)").click()
    assert "Bénévalibre" in Path(download.value.path()).read_text(encoding="utf-8-sig")

    go(phone, "/evenements/mes-creneaux")
    expect(phone.get_by_role("region", name="Mes heures de bénévolat")).to_contain_text("Total : 4 h")
    go(phone, "/evenements/pres-de-chez-moi")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bénévolat près de chez moi")
