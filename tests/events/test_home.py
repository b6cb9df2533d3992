"""The volunteer's home: what lies within THEIR radius (any number of km), urgent calls first, what fits their
skills said ("conduite minibus" meets "chauffeur"), "Je m'inscris" in one click, no organisation tools."""
import re
from datetime import time

import sqlalchemy as sa

from market.accounts.services import save_volunteer_profile
from market.events import home, services
from market.exchanges.models import Conversation, Message
from market.extensions import db
from market.types import utcnow
from tests.events.conftest import volunteer
from tests.events.helpers import in_days, make_event
from tests.factories import CUSSET, GANNAT, VICHY, make_listing

SAINT_YORRE, MOULINS = "03264", "03190"


def _main(html: str) -> str:
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def _driver(email="sacha@example.org", radius=8, skills="conduite minibus; accueil", availability="weekend"):
    user = volunteer(email, "Sacha Volant")
    save_volunteer_profile(user, {"commune_code": VICHY, "radius_km": radius, "skills": skills,
                                  "availability": availability})
    db.session.commit()
    return user


def test_the_home_lists_shifts_and_needs_within_the_radius_they_chose_urgent_first(race, browser):
    # 8 km: not one of the search page's 5/10/20/30/50; the race 7 km away is in, Gannat not
    sacha = _driver(radius=8, availability="")
    make_event(race["organiser"], race["club"], title="Foire de Gannat", commune=GANNAT, shifts=[("accueil", 9, 12, 2)])
    club = race["club"]
    calm = make_listing(race["organiser"], club, kind="need", category="volunteering", title="Tenir la buvette du loto",
                        commune_code=VICHY, tags="buvette")
    urgent = make_listing(race["organiser"], club, kind="need", category="volunteering", urgent=True, commune_code=CUSSET,
                          title="Chauffeur bénévole pour l'aide aux courses", tags="chauffeur; transport")
    make_listing(race["organiser"], club, kind="need", category="volunteering", commune_code=MOULINS,
                 title="Chauffeur pour la banque alimentaire", tags="chauffeur")
    db.session.commit()
    found = home.nearby(sacha)
    assert [i.need.id if i.need else i.event.title for i in found] == [urgent.id, "Course cycliste des Côtes", calm.id]
    assert [line.shift.role for line in found[1].lines] == ["signaleur", "buvette"]
    assert found[0].fit.skills == ("conduite minibus",) and round(found[1].km) == 7
    page = browser(sacha).text("/mon-espace")
    assert "Près de chez vous, à 8 km au plus" in page and "Foire de Gannat" not in page
    assert page.index("Chauffeur bénévole") < page.index("Course cycliste des Côtes") < page.index("Tenir la buvette")
    assert "Correspond à vos compétences : conduite minibus" in page and "Urgent" in page
    assert "Chauffeur pour la banque alimentaire" not in page  # Moulins, 50 km away


def test_a_shift_wanting_a_driver_fits_the_driver_and_says_when_they_are_free(race):
    sacha = _driver()
    event = services.create_event(race["organiser"], race["club"], {"title": "Navette du festival",
                                                                    "commune_code": VICHY})
    saturday = in_days(10 + (5 - in_days(10).weekday()) % 7)
    shift = services.add_shift(race["organiser"], event, saturday, time(9), time(12), "navette", 2,
                               "chauffeur; permis B")
    db.session.commit()
    item = next(i for i in home.nearby(sacha) if i.event and i.event.id == event.id)
    assert item.lines[0].fit.skills == ("conduite minibus",) and item.fit.available is True


def test_an_overlapping_shift_is_said_before_the_click_and_refused_with_its_name(race, browser):
    sacha = _driver(radius=15)
    me = browser(sacha)
    me.post(f"/evenements/creneaux/{race['signaleur'].id}/inscription")
    page = me.text("/mon-espace")
    assert "Chevauche votre créneau « signaleur »" in page
    answer = me.post(f"/evenements/creneaux/{race['buvette'].id}/inscription", follow_redirects=True)
    assert "Ce créneau chevauche un créneau où vous êtes déjà inscrit(e) : « signaleur »" in answer.get_data(
        as_text=True).replace("&#39;", "'").replace("&amp;", "&")


def test_je_m_inscris_on_a_need_writes_to_the_association_once_with_the_profile(race, browser):
    sacha = _driver()
    need = make_listing(race["organiser"], race["club"], kind="need", category="volunteering", commune_code=VICHY,
                        title="Chauffeur bénévole pour l'aide aux courses", tags="chauffeur")
    me = browser(sacha)
    assert "Je m'inscris" in me.text(f"/annonces/{need.id}")
    first = me.post(f"/evenements/besoins/{need.id}/inscription")
    assert first.status_code == 302 and "/conversations/" in first.headers["Location"]
    again = me.post(f"/evenements/besoins/{need.id}/inscription", follow_redirects=True)
    assert "déjà proposé(e)" in again.get_data(as_text=True)
    messages = db.session.scalars(sa.select(Message).join(Conversation).where(Conversation.listing_id == need.id)).all()
    assert len(messages) == 1
    assert "Mes compétences : conduite minibus, accueil." in messages[0].body and "Vichy" in messages[0].body
    offer = make_listing(race["organiser"], race["club"], title="Sono à prêter")
    assert me.post(f"/evenements/besoins/{offer.id}/inscription").status_code == 404  # not a volunteering need


def test_a_volunteer_without_an_organisation_sees_no_organisation_tools(race, browser):
    sacha = _driver()
    main = _main(browser(sacha).text("/mon-espace"))
    for tool in ("Publier une annonce", "Créer une autre structure", "Créer la fiche de ma structure",
                 "Trouver des bénévoles"):
        assert tool not in main, tool
    assert "Mon bénévolat" in main and "Mon profil de bénévole" in main
    organiser = _main(browser(race["organiser"]).text("/mon-espace"))
    assert "Publier une annonce" in organiser and "Créer une autre structure" in organiser


def test_the_profile_takes_any_radius_and_the_choice_to_be_in_the_pool(race, browser):
    sacha = _driver()
    me = browser(sacha)
    form = {"commune": "Vichy", "radius_km": "8", "skills": "conduite minibus", "visible_in_pool": "y"}
    assert me.post("/benevole", data=form).status_code == 302
    db.session.expire_all()
    assert sacha.volunteer_profile.radius_km == 8 and sacha.volunteer_profile.visible_in_pool is True
    page = me.post("/benevole", data={**form, "radius_km": "250"}).get_data(as_text=True)
    assert "Indiquez une distance entre 1 et 200 km." in page and 'value="conduite minibus"' in page
    db.session.expire_all()
    assert sacha.volunteer_profile.radius_km == 8
    me.post("/benevole", data={k: v for k, v in form.items() if k != "visible_in_pool"})
    db.session.expire_all()
    assert sacha.volunteer_profile.visible_in_pool is False

