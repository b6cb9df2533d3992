"""The issue's "Done means", through the pages: a volunteer 8 km away signs up, is refused the overlapping
shift, gets a reminder; the race fills, the sixth waits and is offered a place; hours confirmed and exported."""
import sqlalchemy as sa

from market.events import services
from market.extensions import db
from market.places.models import HoldStatus, PlaceHold
from tests.events.conftest import volunteer
from tests.events.helpers import make_event
from tests.factories import body_text


def _hold(user, shift):
    db.session.expire_all()
    return db.session.scalar(sa.select(PlaceHold).where(PlaceHold.user_id == user.id,
                                                        PlaceHold.pool_id == shift.pool_id))


def test_done_means_on_the_pages(app, race, browser, runner, outbox):
    vera, signaleur, buvette = race["vera"], race["signaleur"], race["buvette"]
    me = browser(vera)
    home = me.text("/mon-espace")
    assert "Course cycliste des Côtes" in home and "<strong>signaleur</strong>" in home and "7 km, Saint-Yorre" in home
    response = me.post(f"/evenements/creneaux/{signaleur.id}/inscription", follow_redirects=True)
    assert "vous êtes inscrit(e)" in response.get_data(as_text=True)
    page = me.post(f"/evenements/creneaux/{buvette.id}/inscription", follow_redirects=True).get_data(as_text=True)
    assert "Ce créneau chevauche" in page and "« signaleur »" in page and "de 08:00 à 12:00" in page
    assert _hold(vera, buvette) is None
    assert "Vous êtes inscrit(e) à ce créneau." in me.text(f"/evenements/{race['event'].id}")


def test_the_sixth_waits_and_is_offered_the_place_when_one_cancels(race, browser):
    event = make_event(race["organiser"], race["club"], title="Course des jeunes", shifts=[("parking", 14, 16, 5)])
    buvette = event.shifts[0]
    people = [volunteer(f"b{i}@example.org", f"Parking {i}") for i in range(6)]
    for person in people:
        browser(person).post(f"/evenements/creneaux/{buvette.id}/inscription")
    sixth = people[5]
    db.session.expire_all()
    pages = [browser(p) for p in (people[0], sixth)]
    assert "Complet : inscription en liste d'attente" in pages[0].text(f"/evenements/{event.id}")
    sixth_page = pages[1].text("/evenements/mes-creneaux")
    assert "liste d'attente (position 1)" in sixth_page
    first = _hold(people[0], buvette)
    pages[0].post(f"/evenements/inscriptions/{first.id}/annuler")
    offered = _hold(sixth, buvette)
    assert offered.status == HoldStatus.OFFERED
    mine = pages[1].text("/evenements/mes-creneaux")
    assert "Une place s'est libérée pour vous" in mine and "Je confirme ma place" in mine
    pages[1].post(f"/evenements/inscriptions/{offered.id}/confirmer")
    assert _hold(sixth, buvette).status == HoldStatus.HELD
    # nobody else may cancel or confirm someone's place: 404, as if it did not exist
    assert browser(race["outsider"]).post(f"/evenements/inscriptions/{offered.id}/annuler").status_code == 404


def test_reminder_the_day_before_by_e_mail_once(race, runner, outbox):
    tomorrow = make_event(race["organiser"], race["club"], title="Course de demain", shifts=[("signaleur", 8, 12, 3)],
                          days=1)
    services.sign_up(race["vera"], tomorrow.shifts[0])
    db.session.commit()
    result = runner.invoke(args=["market", "send-shift-reminders"])
    assert result.exit_code == 0 and "1 bénévole(s)" in result.output
    assert "0 bénévole(s)" in runner.invoke(args=["market", "send-shift-reminders"]).output
    assert runner.invoke(args=["market", "send-notifications", "--no-alerts"]).exit_code == 0
    mails = [m for m in outbox() if m["To"] == "vera@example.org"]
    assert len(mails) == 1 and "Rappel : demain" in mails[0]["Subject"]
    assert "Place de la mairie" in body_text(mails[0])


def test_after_the_race_hours_are_confirmed_seen_and_exported(race, browser):
    signaleur = race["signaleur"]
    services.sign_up(race["vera"], signaleur)
    db.session.commit()
    organiser = browser(race["organiser"])
    roster = organiser.text(f"/evenements/{race['event'].id}/equipe")
    assert "Véra Bénévole" in roster and "inscrit(e)" in roster
    csv = organiser.get(f"/evenements/{race['event'].id}/equipe.csv").get_data(as_text=True)
    assert csv.startswith("\ufeff") and "signaleur;" in csv and "vera@example.org" in csv
    signaleur.starts_at, signaleur.ends_at = (signaleur.starts_at.replace(year=2020),
                                              signaleur.ends_at.replace(year=2020))  # the race is over
    db.session.commit()
    form = organiser.text(f"/evenements/creneaux/{signaleur.id}/presences")
    assert 'value="4"' in form  # prefilled from the shift
    bad = organiser.post(f"/evenements/creneaux/{signaleur.id}/presences",
                         data={f"present-{race['vera'].id}": "1", f"hours-{race['vera'].id}": "beaucoup"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 200 and "Écrivez un nombre d&#39;heures" in page and 'value="beaucoup"' in page
    organiser.post(f"/evenements/creneaux/{signaleur.id}/presences",
                   data={f"present-{race['vera'].id}": "1", f"hours-{race['vera'].id}": "4"})
    assert "Total : 4 h" in browser(race["vera"]).text("/evenements/mes-creneaux")
    hours = organiser.text(f"/evenements/structure/{race['club'].slug}/heures")
    assert "4 h" in hours and "48,08" in hours and "SMIC horaire brut" in hours
    assert "Aucune heure confirmée" in organiser.text(f"/evenements/structure/{race['club'].slug}/heures?annee=2021")
    year = organiser.get(f"/evenements/structure/{race['club'].slug}/heures.csv?annee=2020")
    assert "heures-benevoles-velo-club-de-saint-yorre-2020.csv" in year.headers["Content-Disposition"]
    export = organiser.get(f"/evenements/structure/{race['club'].slug}/heures.csv").get_data(as_text=True)
    assert "Course cycliste des Côtes;signaleur;" in export and ";240;4 h" in export and "Bénévalibre" in export


def test_organiser_pages_are_for_organisers_only(race, browser):
    event, outsider = race["event"], browser(race["outsider"])
    for url in (f"/evenements/{event.id}/gerer", f"/evenements/{event.id}/equipe", f"/evenements/{event.id}/equipe.csv",
                f"/evenements/creneaux/{race['signaleur'].id}/presences"):
        assert outsider.get(url).status_code == 403, url
    assert outsider.post(f"/evenements/creneaux/{race['signaleur'].id}/message", data={"body": "x"}).status_code == 403
    assert outsider.get(f"/evenements/structure/{race['club'].slug}/heures").status_code == 404
    assert browser(race["colleague"]).get(f"/evenements/{event.id}/equipe").status_code == 200


def test_csv_cells_cannot_run_as_formulas(race, browser):
    sly = volunteer("sly@example.org", "=HYPERLINK(\"http://x\")")
    services.sign_up(sly, race["signaleur"])
    db.session.commit()
    csv = browser(race["organiser"]).get(f"/evenements/{race['event'].id}/equipe.csv").get_data(as_text=True)
    import csv as csv_module
    names = [row[3] for row in csv_module.reader(csv.lstrip("\ufeff").splitlines()[1:], delimiter=";")]
    assert names == ["'=HYPERLINK(\"http://x\")"]


def test_a_bad_shift_keeps_what_was_typed_and_says_what_to_fix(race, browser):
    organiser = browser(race["organiser"])
    response = organiser.post(f"/evenements/{race['event'].id}/gerer",
                              data={"day": "01/01/2020", "start": "08:00", "end": "12:00", "role": "signaleur",
                                    "capacity": "0", "skills": "gilet"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="signaleur"' in page and 'value="gilet"' in page
    assert "Indiquez un nombre de bénévoles entre 1 et 10 000." in page


def test_an_organiser_posts_an_event_then_its_shifts(race, browser):
    organiser = browser(race["organiser"])
    response = organiser.post("/evenements/nouveau", data={"organization": race["club"].slug, "title": "Fête du vélo",
                                                            "commune": "Saint-Yorre", "place": "Stade"})
    assert response.status_code == 302 and "/gerer" in response.headers["Location"]
    day = race["signaleur"].starts_at.date().strftime("%d/%m/%Y")
    response = organiser.post(response.headers["Location"], data={"day": day, "start": "14:00", "end": "18:00",
                                                                   "role": "accueil", "capacity": "4"})
    assert response.status_code == 302
    page = organiser.text(response.headers["Location"])
    assert "accueil" in page and "4 places libres" in page


def test_the_organiser_messages_a_shift(race, browser):
    services.sign_up(race["vera"], race["signaleur"])
    db.session.commit()
    response = browser(race["organiser"]).post(f"/evenements/creneaux/{race['signaleur'].id}/message",
                                               data={"body": "Rendez-vous à 7 h 45 devant la mairie."},
                                               follow_redirects=True)
    assert "Message envoyé à 1 bénévole(s)." in response.get_data(as_text=True)
    from market.notifications.models import Notification
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == race["vera"].id))
    assert notice.body == "Rendez-vous à 7 h 45 devant la mairie."
