"""The network's agenda, tried as a new user would: a coordinator schedules the next monthly meeting
at a member's room, 12 members register, the 13th waits; the iCal feed reads in a calendar parser."""
from datetime import timedelta

import icalendar
import pytest

from market.extensions import db
from market.network.models import Meeting
from market.places.models import HoldStatus
from tests.factories import login, make_coordinator, make_listing, make_org, make_user
from tests.network.helpers import make_meeting, next_month_evening


def url(meeting):
    return f"/agenda/{meeting.id}"


def _form(start, finish, **overrides):
    end = finish
    data = {"title": "Petit déjeuner thématique : le réemploi", "format": "breakfast",
            "day": start.strftime("%Y-%m-%d"), "start": start.strftime("%H:%M"), "end": finish.strftime("%H:%M"),
            "commune": "Vichy (03200)", "venue": "Salle Lumière", "host_org": "", "room": "",
            "organiser_org": "", "capacity": "12", "description": "Café à 18 h 15."}
    data.update(overrides)
    return data


def test_a_coordinator_schedules_a_meeting_at_a_members_room_12_register_the_13th_waits(client):
    coordinator = make_coordinator()
    owner = make_user("cine@example.org", "Odile Cinéma")
    cinema = make_org(owner, name="Cinéma du Bourbonnais")
    room = make_listing(owner, cinema, title="Salle Lumière", category="premises")
    login(client, coordinator)
    start, end = next_month_evening()
    response = client.post("/agenda/nouveau", data=_form(start, end, host_org=str(cinema.id), room=str(room.id)))
    assert response.status_code == 302
    meeting = db.session.scalars(db.select(Meeting)).one()
    assert meeting.status == "published" and meeting.capacity == 12 and meeting.room_id == room.id
    assert meeting.starts_at.utcoffset() == timedelta(0)  # stored in UTC...
    assert meeting.starts_at.astimezone(start.tzinfo).strftime("%H:%M") == "18:30"  # ...18 h 30 in Paris
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "de 18 h 30 à 20 h" in page and "Salle Lumière" in page and "Cinéma du Bourbonnais" in page
    client.post("/deconnexion")

    members = [make_user(f"m{i}@example.org", f"Membre {i}") for i in range(13)]
    for member in members:
        login(client, member)
        client.post(f"/agenda/{meeting.id}/inscription")
        client.post("/deconnexion")
    db.session.expire_all()
    assert meeting.pool.taken == 12
    login(client, members[12])
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "liste d&#39;attente, en position 1" in page or "liste d'attente, en position 1" in page
    client.post("/deconnexion")

    login(client, members[0])  # someone leaves: the place is offered to the first in line
    client.post(f"/agenda/{meeting.id}/desinscription")
    client.post("/deconnexion")
    login(client, members[12])
    assert "Une place s&#39;est libérée" in client.get(url(meeting)).get_data(as_text=True) or \
        "Une place s'est libérée" in client.get(url(meeting)).get_data(as_text=True)
    client.post(f"/agenda/{meeting.id}/accepter")
    db.session.expire_all()
    from market.network.services import registration_of
    assert registration_of(members[12], meeting).status == HoldStatus.HELD
    assert meeting.pool.taken == 12


def test_registering_twice_keeps_one_place(client):
    meeting = make_meeting(make_coordinator(), capacity=2)
    member = make_user()
    login(client, member)
    client.post(f"/agenda/{meeting.id}/inscription")
    client.post(f"/agenda/{meeting.id}/inscription")
    db.session.expire_all()
    assert meeting.pool.taken == 1


def test_a_members_event_waits_for_moderation_unless_its_organisation_is_verified(client):
    member = make_user()
    pending_org = make_org(member, name="Nouvelle asso", status="pending")
    login(client, member)
    start, end = next_month_evening(days=30, hour=14, minute=0)
    data = _form(start, end, format="event", title="Portes ouvertes du jardin", organiser_org=pending_org.slug,
                 capacity="")
    assert client.post("/agenda/nouveau", data=data).status_code == 302
    meeting = db.session.scalars(db.select(Meeting)).one()
    assert meeting.status == "pending"
    assert "Portes ouvertes" not in client.get("/agenda").get_data(as_text=True)
    assert "Portes ouvertes" not in client.get("/agenda.ics").get_data(as_text=True)
    client.post("/deconnexion")
    assert client.get(url(meeting)).status_code == 404  # not public yet

    login(client, make_coordinator())
    assert "1 date à vérifier" in client.get("/agenda").get_data(as_text=True)
    client.post(f"/agenda/{meeting.id}/moderation/approve", data={"note": ""})
    db.session.expire_all()
    assert meeting.status == "published"
    assert "Portes ouvertes" in client.get("/agenda").get_data(as_text=True)


def test_members_cannot_schedule_the_networks_own_meetings(client):
    login(client, make_user())
    start, end = next_month_evening()
    page = client.post("/agenda/nouveau", data=_form(start, end)).get_data(as_text=True)
    assert "Not a valid choice" in page or "choix" in page.lower()
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_bad_input_is_said_and_kept(client):
    login(client, make_coordinator())
    start, end = next_month_evening()
    data = _form(start, end, end="17:00", title="Forum de l'ESS", commune="Nullepart")
    page = client.post("/agenda/nouveau", data=data).get_data(as_text=True)
    assert "L&#39;heure de fin doit suivre" in page or "L'heure de fin doit suivre" in page
    assert "Commune inconnue" in page and "Forum de l&#39;ESS" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 0


def test_month_view_and_list(client):
    meeting = make_meeting(make_coordinator(), title="Atelier trimestriel", format="workshop")
    local = meeting.starts_at.astimezone(next_month_evening()[0].tzinfo)
    page = client.get(f"/agenda/mois?mois={local:%Y-%m}").get_data(as_text=True)
    assert "Atelier trimestriel" in page and "18 h 30" in page
    assert client.get("/agenda/mois?mois=n-importe-quoi").status_code == 200
    assert "Atelier trimestriel" in client.get("/agenda").get_data(as_text=True)


def test_minutes_after_the_meeting(client):
    coordinator = make_coordinator()
    meeting = make_meeting(coordinator)
    login(client, coordinator)
    client.post(f"/agenda/{meeting.id}/compte-rendu", data={"minutes": "Trop tôt"})
    db.session.expire_all()
    assert meeting.minutes == ""
    meeting.starts_at -= timedelta(days=40)
    meeting.ends_at -= timedelta(days=40)
    db.session.commit()
    client.post(f"/agenda/{meeting.id}/compte-rendu", data={"minutes": "Douze structures présentes."})
    db.session.expire_all()
    assert meeting.minutes == "Douze structures présentes."
    assert "Douze structures présentes." in client.get(url(meeting)).get_data(as_text=True)


def test_the_ical_feed_reads_in_a_calendar_parser(client):
    coordinator = make_coordinator()
    meeting = make_meeting(coordinator, title="Petit déjeuner ; réemploi, locaux", capacity=12)
    cancelled = make_meeting(coordinator, title="Visite du jardin")
    from market.network import services
    services.cancel(coordinator, cancelled)
    db.session.commit()
    response = client.get("/agenda.ics")
    assert response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    event = events[next(u for u in events if u.startswith(f"network-meeting-{meeting.id}@"))]
    assert str(event["SUMMARY"]) == "Petit déjeuner ; réemploi, locaux"
    assert event.decoded("DTSTART") == meeting.starts_at and event.decoded("DTEND") == meeting.ends_at
    assert "Vichy" in str(event["LOCATION"])
    assert str(event["URL"]).endswith(f"/agenda/{meeting.id}")
    assert any(str(e["SUMMARY"]).startswith("Annulé") for e in events.values())
    # imports into a calendar: a new calendar built from the parsed events serialises again
    target = icalendar.Calendar()
    for e in cal.walk("VEVENT"):
        target.add_component(e)
    assert icalendar.Calendar.from_ical(target.to_ical()).walk("VEVENT")[0]["UID"]


def test_a_members_public_event_is_in_the_agenda_its_month_and_the_ical_feed(client):
    """The events feature's manifestations appear with the network's dates, from their first shift to the last."""
    from tests.events.helpers import make_event
    admin = make_user("velo@example.org", "Vélo")
    club = make_org(admin, name="Cyclo des Pignons")
    event = make_event(admin, club, title="Course cycliste des Côtes", days=12)
    meeting = make_meeting(make_coordinator(), title="Petit déjeuner thématique")
    db.session.commit()
    with client.application.test_request_context():
        event_url = event.url
    agenda = client.get("/agenda").get_data(as_text=True)
    assert "Course cycliste des Côtes" in agenda and f'href="{event_url}"' in agenda
    assert "par Cyclo des Pignons" in agenda and "Petit déjeuner thématique" in agenda
    first = event.starts_at
    month = client.get(f"/agenda/mois?mois={first:%Y-%m}").get_data(as_text=True)
    assert "Course cycliste des Côtes" in month
    events = {str(e["UID"]).split("@")[0]: e for e in icalendar.Calendar.from_ical(client.get("/agenda.ics").data).walk("VEVENT")}
    race = events[f"event-{event.id}"]
    assert race.decoded("DTSTART") == event.starts_at and race.decoded("DTEND") == event.ends_at
    assert str(race["URL"]).endswith(event_url) and "Vichy" in str(race["LOCATION"])
    assert f"network-meeting-{meeting.id}" in events
