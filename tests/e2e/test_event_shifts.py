"""A volunteer on a phone takes a shift of the cycling race 7 km away, is refused the overlapping one; the
organiser posts an event and its shift, sees the roster, confirms the hours; the volunteer sees 4 h."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from market.accounts.services import save_volunteer_profile
from market.events.models import Shift
from market.extensions import db
from tests.e2e.journeys import flash, follow, go, log_in, send
from tests.events.helpers import in_days, make_event
from tests.factories import make_org, make_user

SAINT_YORRE = "03264"


def _seed():
    organiser = make_user("club@example.org", "Odile Vélo")
    club = make_org(organiser, name="Vélo Club de Saint-Yorre", commune=SAINT_YORRE)
    event = make_event(organiser, club, commune=SAINT_YORRE)
    vera = make_user("vera@example.org", "Véra Bénévole", volunteer=True)
    save_volunteer_profile(vera, {"commune_code": "03310", "radius_km": 12, "skills": "signalisation"})
    db.session.commit()
    return event, club


def test_volunteer_takes_a_shift_and_the_organiser_confirms_her_hours(new_page):
    event, club = _seed()
    phone = log_in(new_page("phone"), "vera@example.org")
    panel = phone.get_by_role("region", name="Bénévolat : mes créneaux")
    expect(panel).to_contain_text("7 km, Saint-Yorre")
    follow(phone, panel.get_by_role("button", name=re.compile(r"^Je m'inscris – signaleur")))
    expect(flash(phone)).to_contain_text("vous êtes inscrit(e)")
    follow(phone, phone.get_by_role("button", name=re.compile(r"^Je m'inscris – buvette")))
    expect(flash(phone)).to_contain_text("Ce créneau chevauche")
    expect(flash(phone)).to_contain_text("« signaleur »")
    go(phone, "/evenements/")
    follow(phone, "Mes créneaux et mes heures")
    expect(phone.get_by_role("region", name="Mes prochains créneaux")).to_contain_text("signaleur – Course cycliste")

    desk = log_in(new_page(), "club@example.org")
    go(desk, "/evenements/nouveau")
    desk.get_by_label(re.compile("^Titre de la manifestation")).fill("Fête du vélo")
    desk.get_by_label(re.compile("^Commune")).fill("Saint-Yorre")
    send(desk, "Publier la manifestation")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Créneaux : Fête du vélo")
    desk.get_by_label(re.compile("^Date")).fill(in_days(20).isoformat())
    desk.get_by_label(re.compile("^Heure de début")).fill("14:00")
    desk.get_by_label(re.compile("^Heure de fin")).fill("18:00")
    desk.get_by_label(re.compile("^Mission")).fill("accueil")
    desk.get_by_label(re.compile("^Nombre de bénévoles")).fill("4")
    send(desk, "Ajouter le créneau")
    expect(flash(desk)).to_contain_text("Créneau ajouté.")
    follow(desk, "Voir la page de la manifestation")
    expect(desk.get_by_role("main")).to_contain_text("4 places libres sur 4")

    signaleur = db.session.get(Shift, event.shifts[0].id)  # the race is over: it was yesterday
    signaleur.starts_at, signaleur.ends_at = signaleur.starts_at - timedelta(days=11), signaleur.ends_at - timedelta(days=11)
    db.session.commit()
    go(desk, f"/evenements/{event.id}/equipe")
    expect(desk.get_by_role("table", name="Bénévoles du créneau signaleur")).to_contain_text("Véra Bénévole")
    follow(desk, desk.get_by_role("link", name=re.compile("^Confirmer les présences et les heures")))
    expect(desk.get_by_label("Heures comptées")).to_have_value("4")
    send(desk, "Enregistrer les présences")
    expect(flash(desk)).to_contain_text("Présences et heures enregistrées.")
    go(desk, f"/evenements/structure/{club.slug}/heures")
    expect(desk.get_by_role("main")).to_contain_text("48,08")

    go(phone, "/evenements/mes-creneaux")
    expect(phone.get_by_role("region", name="Mes heures de bénévolat")).to_contain_text("Total : 4 h")
