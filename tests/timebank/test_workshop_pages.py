"""Workshops through the pages: propose one, book it full, the waiting list, a cancellation, the seat offered and
confirmed, who came, the hours confirmed; a bad form keeps what was typed."""
from datetime import datetime, timedelta

from market.extensions import db
from market.places.models import HoldStatus
from market.timebank.rules import PARIS
from market.timebank.workshop_models import Workshop, WorkshopSeat
from tests.factories import make_org, make_user
from tests.timebank.conftest import balance


def _form(people, **extra):
    day = (datetime.now(PARIS) + timedelta(days=5)).date()
    return {"holder": f"org:{people['groupement'].id}", "skill": "legal", "title": "Les statuts de votre association",
            "description": "Deux heures pour relire vos statuts.", "day": day.isoformat(), "start": "14:00",
            "end": "16:00", "place": "Maison des associations", "commune": "", "video_url": "", "capacity": "2",
            "notice_hours": "24", **extra}


def test_the_workshop_journey_through_the_pages(people, browser):
    juriste = browser(people["juriste"])
    response = juriste.post("/coups-de-pouce/ateliers/nouveau", data=_form(people))
    assert response.status_code == 302
    workshop = db.session.scalar(db.select(Workshop))
    members = []
    for n in range(3):
        user = make_user(f"m{n}@example.org", f"Membre {n}")
        members.append((browser(user), make_org(user, name=f"Association {n}")))
    for member, org in members:
        member.post(f"/coups-de-pouce/ateliers/{workshop.id}/inscription", data={"holder": f"org:{org.id}"})
    page = members[2][0].text(workshop.url)
    assert "liste d'attente (position 1)" in page and "Complet (2 places)" in page
    assert "Membre 2" in juriste.text(workshop.url)  # the provider sees the roster and the line
    seats = db.session.scalars(db.select(WorkshopSeat).order_by(WorkshopSeat.id)).all()
    members[0][0].post(f"/coups-de-pouce/ateliers/places/{seats[0].id}/annuler")
    page = members[2][0].text(workshop.url)
    assert "Une place s'est libérée pour vous" in page
    members[2][0].post(f"/coups-de-pouce/ateliers/places/{seats[2].id}/confirmer")
    db.session.expire_all()
    assert seats[2].hold.status == HoldStatus.HELD
    assert members[1][0].post(f"/coups-de-pouce/ateliers/places/{seats[2].id}/annuler").status_code == 404

    workshop.starts_at, workshop.ends_at = (datetime.now(PARIS) - timedelta(hours=3),
                                            datetime.now(PARIS) - timedelta(hours=1))
    db.session.commit()
    assert "Qui est venu ?" in juriste.text(workshop.url)
    juriste.post(f"/coups-de-pouce/ateliers/{workshop.id}/presences", data={"came": [str(seats[1].id),
                                                                                   str(seats[2].id)]})
    db.session.expire_all()
    assert [s.status for s in seats] == ["cancelled", "recorded", "recorded"]
    assert "Confirmer les heures" in members[1][0].text(workshop.url)
    members[1][0].post(f"/coups-de-pouce/ateliers/places/{seats[1].id}/heures")
    db.session.expire_all()
    assert balance(people["groupement"]) == 120 and balance(members[1][1]) == -120
    assert "Les statuts de votre association" in members[1][0].text("/coups-de-pouce/mon-compte")


def test_a_bad_workshop_form_keeps_what_was_typed(people, browser):
    response = browser(people["juriste"]).post("/coups-de-pouce/ateliers/nouveau", data=_form(
        people, place="", video_url="pas un lien", capacity="0"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Les statuts de votre association" in page
    assert "entre 1 et 500" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Workshop)) == 0
    response = browser(people["juriste"]).post("/coups-de-pouce/ateliers/nouveau", data=_form(
        people, place="", video_url="pas un lien"))
    assert "https://" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Workshop)) == 0


def test_only_the_provider_records_or_cancels(people, browser):
    browser(people["juriste"]).post("/coups-de-pouce/ateliers/nouveau", data=_form(people))
    workshop = db.session.scalar(db.select(Workshop))
    outsider = browser(people["outsider"])
    assert outsider.post(f"/coups-de-pouce/ateliers/{workshop.id}/presences").status_code == 403
    assert outsider.post(f"/coups-de-pouce/ateliers/{workshop.id}/annuler",
                         data={"reason": "Je n'aime pas"}).status_code == 403
    db.session.expire_all()
    assert workshop.status == "open"
