"""The volunteer pool: only profiles that chose to be seen, searched by verified associations (skills, availability,
commune and any radius); a driver suggested for a shift wanting a chauffeur; an invitation accepted in one click."""
import pytest
import sqlalchemy as sa

from market import geo
from market.accounts.services import save_volunteer_profile
from market.events import invitations, pool, services
from market.events.models import Invitation
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.extensions import db
from market.notifications.models import Notification
from market.places.models import HoldStatus
from tests.events.conftest import volunteer
from tests.events.helpers import make_event
from tests.factories import GANNAT, VICHY, make_listing, make_org, make_user

MOULINS = "03190"


def member(email, name, commune=VICHY, radius=20, skills="", availability="", visible=True):
    user = volunteer(email, name)
    save_volunteer_profile(user, {"commune_code": commune, "radius_km": radius, "skills": skills,
                                  "availability": availability, "visible_in_pool": visible})
    db.session.commit()
    return user


@pytest.fixture
def people():
    return {"driver": member("sacha@example.org", "Sacha Volant", skills="conduite minibus; accueil",
                             availability="weekend"),
            "reader": member("lou@example.org", "Lou Lecture", skills="lecture à voix haute", availability="evening"),
            "hidden": member("cache@example.org", "Camille Discrète", skills="conduite minibus", visible=False),
            "far": member("loin@example.org", "Noa Lointain", commune=MOULINS, radius=10, skills="chauffeur")}


def names(found):
    return [c.user.display_name for c in found]


def test_only_visible_profiles_are_searched_and_chauffeur_finds_conduite(race, people):
    assert names(pool.search({"skills": "chauffeur"})) == ["Noa Lointain", "Sacha Volant"]  # by name, no place
    assert names(pool.search({"availability": "evening"})) == ["Lou Lecture", "Noa Lointain"]  # Noa said nothing
    near = pool.search({"commune": geo.get(GANNAT), "radius_km": 25})
    assert names(near) == ["Lou Lecture", "Sacha Volant"]  # Vichy is ~17 km from Gannat; Moulins further


def test_the_pool_is_for_verified_associations_and_never_shows_an_address(race, people, browser):
    page = browser(race["organiser"]).text("/evenements/vivier?skills=chauffeur")
    assert "Sacha Volant" in page and "Correspond : conduite minibus" in page and "Camille" not in page
    assert "sacha@example.org" not in page
    assert browser(people["driver"]).get("/evenements/vivier").status_code == 403  # a volunteer, no association
    pending = make_user("neuve@example.org", "Nina Neuve")
    make_org(pending, name="Association en attente", status="pending")
    assert browser(pending).get("/evenements/vivier").status_code == 403
    bad = browser(race["organiser"]).text("/evenements/vivier?commune=Nulle-Part-sur-Mer&radius_km=0")
    assert "Commune inconnue" in bad and "entre 1 et 200 km" in bad


def test_a_shift_wanting_a_chauffeur_suggests_the_driver_within_their_own_radius(race, people):
    event = make_event(race["organiser"], race["club"], title="Navette du festival", commune=VICHY,
                       shifts=[("navette", 9, 12, 2)])
    shift = event.shifts[0]
    shift.skills = "chauffeur"
    db.session.commit()
    found = pool.for_shift(shift)
    assert names(found) == ["Sacha Volant", "Lou Lecture"]  # Noa lives 50 km away with a 10 km radius
    assert found[0].fit.skills == ("conduite minibus",) and found[1].fit.skills == ()
    need = make_listing(race["organiser"], race["club"], kind="need", category="volunteering", commune_code=VICHY,
                        title="Chauffeur bénévole pour l'aide aux courses", tags="chauffeur")
    assert [c.fit.skills for c in pool.for_need(need)][0] == ("conduite minibus",)


def test_an_invitation_reaches_the_volunteer_who_accepts_in_one_click(race, people, browser):
    driver, signaleur = people["driver"], race["signaleur"]
    organiser = browser(race["organiser"])
    response = organiser.post("/evenements/vivier/invitations",
                              data={"volunteer": driver.id, "shift": signaleur.id, "message": "On compte sur vous !",
                                    "back": f"/evenements/vivier?creneau={signaleur.id}"}, follow_redirects=True)
    assert "Invitation envoyée à Sacha Volant" in response.get_data(as_text=True)
    notice = db.session.scalar(sa.select(Notification).where(Notification.user_id == driver.id))
    assert "Vélo Club de Saint-Yorre vous invite" in notice.title and notice.body == "On compte sur vous !"
    again = organiser.post("/evenements/vivier/invitations", data={"volunteer": driver.id, "shift": signaleur.id},
                           follow_redirects=True)
    assert "a déjà été invité(e)" in again.get_data(as_text=True)
    me = browser(driver)
    home = me.text("/mon-espace")
    assert "Invitations à répondre" in home and "J'accepte" in home and "On compte sur vous !" in home
    invitation = db.session.scalar(sa.select(Invitation))
    answer = me.post(f"/evenements/invitations/{invitation.id}/accepter", follow_redirects=True)
    assert "vous êtes inscrit(e)" in answer.get_data(as_text=True)
    db.session.expire_all()
    assert invitation.status == "accepted"
    told = db.session.scalar(sa.select(Notification).where(Notification.user_id == race["organiser"].id,
                                                           Notification.kind == "event_invitation_answer"))
    assert "Sacha Volant accepte votre invitation" in told.title
    assert "Invitations à répondre" not in me.text("/mon-espace")
    assert browser(race["outsider"]).get(f"/evenements/invitations/{invitation.id}").status_code == 404


def test_who_may_invite_and_what_an_invitation_cannot_do(race, people):
    driver, reader = people["driver"], people["reader"]
    with pytest.raises(NotAllowed):
        invitations.invite(race["outsider"], race["signaleur"], driver)
    with pytest.raises(ExchangeRefused, match="vivier"):
        invitations.invite(race["organiser"], race["signaleur"], people["hidden"])
    services.sign_up(reader, race["signaleur"])
    with pytest.raises(ExchangeRefused, match="déjà inscrit"):
        invitations.invite(race["organiser"], race["signaleur"], reader)
    invitation = invitations.invite(race["organiser"], race["buvette"], reader)
    db.session.commit()
    with pytest.raises(ExchangeRefused, match="chevauche") as refused:
        invitations.accept(reader, invitation)
    assert "« signaleur »" in str(refused.value)
    db.session.rollback()
    assert db.session.get(Invitation, invitation.id).status == "pending"
    with pytest.raises(NotAllowed):
        invitations.accept(driver, invitation)


def test_a_full_shift_puts_the_invited_volunteer_on_the_waiting_list(race, people):
    event = make_event(race["organiser"], race["club"], title="Petite course", shifts=[("parking", 14, 16, 1)])
    shift = event.shifts[0]
    services.sign_up(people["reader"], shift)
    invitation = invitations.invite(race["colleague"], shift, people["driver"])  # a member of the club too
    hold = invitations.accept(people["driver"], invitation)
    assert hold.status == HoldStatus.WAITING and invitation.invited_by_id == race["colleague"].id


def test_the_organisers_home_points_to_the_volunteers_who_fit(race, people, browser):
    race["signaleur"].skills = "conduite"
    db.session.commit()
    page = browser(race["organiser"]).text("/mon-espace")
    assert "Trouver des bénévoles" in page and "1 bénévole du vivier a les compétences (Sacha Volant)" in page


def test_a_volunteering_need_can_be_pointed_to_a_volunteer_once(race, people, browser):
    need = make_listing(race["organiser"], race["club"], kind="need", category="volunteering", commune_code=VICHY,
                        title="Chauffeur bénévole pour l'aide aux courses", tags="chauffeur")
    organiser = browser(race["organiser"])
    assert "Lui proposer ce besoin" in organiser.text(f"/evenements/vivier?besoin={need.id}")
    first = organiser.post(f"/evenements/vivier/besoins/{need.id}", data={"volunteer": people["driver"].id},
                           follow_redirects=True)
    assert "est prévenu(e)" in first.get_data(as_text=True)
    second = organiser.post(f"/evenements/vivier/besoins/{need.id}", data={"volunteer": people["driver"].id},
                            follow_redirects=True)
    assert "a déjà été prévenu(e)" in second.get_data(as_text=True)
    assert browser(race["outsider"]).get(f"/evenements/vivier?besoin={need.id}").status_code == 404


def test_who_may_search_invite_answer_and_sign_up_to_a_need(race, people):
    from market.events import permissions as can
    from tests.factories import make_coordinator
    organiser, colleague, outsider, driver = race["organiser"], race["colleague"], race["outsider"], people["driver"]
    pending = make_user("neuve@example.org", "Nina Neuve")
    make_org(pending, name="Association en attente", status="pending")
    coordinator = make_coordinator()
    assert [can.can_search_pool(u) for u in (organiser, colleague, outsider, driver, pending, coordinator)] == \
        [True, True, True, False, False, True]
    shift = race["signaleur"]
    assert [can.can_invite(u, shift) for u in (organiser, colleague, outsider, driver, coordinator)] == \
        [True, True, False, False, False]
    assert not can.can_invite(organiser, shift, now=shift.starts_at)  # begun: too late
    invitation = invitations.invite(organiser, shift, driver)
    assert [can.can_answer(u, invitation) for u in (driver, organiser, people["reader"])] == [True, False, False]
    need = make_listing(organiser, race["club"], kind="need", category="volunteering", commune_code=VICHY,
                        title="Accueil du public au loto", tags="accueil")
    offer = make_listing(organiser, race["club"], kind="offer", category="volunteering", title="Nos bénévoles")
    assert [can.can_volunteer_for(u, need) for u in (driver, organiser, outsider)] == [True, False, False]
    assert not can.can_volunteer_for(driver, offer)
    driver.status = "suspended"
    assert not can.can_volunteer_for(driver, need) and not can.can_answer(driver, invitation)
