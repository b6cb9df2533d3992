"""Alerts after a publication: recorded in the request, computed and sent by the command."""
from datetime import timedelta

import sqlalchemy as sa

from market.extensions import db
from market.listings.services import close_listing
from market.matching.models import AlertJob, SavedSearch
from market.notifications.models import Notification, OutgoingEmail
from market.notifications.services import save_preferences
from tests.factories import CUSSET, GANNAT, VICHY, body_text, login, make_listing
from tests.matching.conftest import make_volunteer, org_with_admin

MOULINS = "03190"


def _run(runner):
    result = runner.invoke(args=["market", "send-notifications"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def _notices(user):
    return list(db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id)))


def test_publishing_only_records_the_work_and_the_command_alerts_matching_owners(runner, outbox):
    owner, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    make_listing(owner, org, kind="need", title="Tables pliantes pour la fête", tags="tables",
                 terms="loan", commune_code=CUSSET)
    assert "0 correspondance" in _run(runner)  # nothing to answer the need yet
    publisher, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    offer = make_listing(publisher, other, kind="offer", title="Vingt tables pliantes", tags="tables",
                         terms="loan")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertJob)
                             .where(AlertJob.processed_at.is_(None))) == 1
    assert _notices(owner) == []  # nothing computed in the request
    output = _run(runner)
    assert "1 correspondance" in output
    notice, = _notices(owner)
    assert notice.kind == "match" and notice.url == f"/annonces/{offer.id}"
    assert "Tables pliantes pour la fête" in notice.title
    mail, = [m for m in outbox() if m["To"] == owner.email]
    assert "Vingt tables pliantes" in body_text(mail) and "à 2 km" in body_text(mail)
    assert _notices(publisher) == []  # the publisher is not alerted about their own listing
    _run(runner)
    assert len(_notices(owner)) == 1 and len(outbox()) == 1  # never twice


def test_a_volunteer_within_20_km_receives_an_urgent_call_once(runner, smtp_server):
    near = make_volunteer("proche@example.org", CUSSET, radius_km=20, skills="conduite de minibus; accueil")
    save_preferences(near, email_frequency="weekly")  # urgent calls ignore the usual frequency
    far = make_volunteer("loin@example.org", MOULINS, radius_km=20, skills="conduite de minibus")
    unskilled = make_volunteer("couture@example.org", CUSSET, radius_km=20, skills="couture")
    db.session.commit()
    admin, org = org_with_admin("aide", "Aide et Présence", VICHY)
    need = make_listing(admin, org, kind="need", category="volunteering", urgent=True, terms="free", tags="",
                        title="Chauffeur bénévole demain matin",
                        description="Notre conducteur est malade : qui peut conduire le minibus demain ?")
    output = _run(runner)
    assert "1 appel(s) urgent(s)" in output
    assert [m["To"] for m in smtp_server] == [near.email]
    mail = smtp_server[0]
    assert "Appel urgent" in mail["Subject"] and "Chauffeur bénévole demain matin" in body_text(mail)
    assert "à 2 km" in body_text(mail)
    assert _notices(far) == [] and _notices(unskilled) == []
    db.session.add(AlertJob(listing_id=need.id))  # published again: still once
    db.session.commit()
    _run(runner)
    assert len(smtp_server) == 1 and len(_notices(near)) == 1


def test_saved_searches_alert_at_their_own_frequency(runner, outbox, client):
    hurried = make_volunteer("vite@example.org", GANNAT)
    patient = make_volunteer("lent@example.org", GANNAT)
    login(client, hurried)
    client.post("/recherches", data={"q": "vidéoprojecteur", "category": "equipment", "frequency": "immediately",
                                     "name": "Projecteurs"})
    client.post("/deconnexion")
    db.session.add(SavedSearch(user_id=patient.id, name="Projecteurs", filters={"q": "vidéoprojecteur"},
                               frequency="daily"))
    db.session.commit()
    admin, org = org_with_admin("cinema", "Ciné-Grillon", VICHY)
    make_listing(admin, org, title="Vidéoprojecteur full HD", tags="vidéo", terms="loan")
    make_listing(admin, org, title="Barnum 3 x 3", tags="barnum", terms="loan")
    _run(runner)
    assert [m["To"] for m in outbox()] == [hurried.email]
    assert "Projecteurs" in outbox()[0]["Subject"]
    assert [n.title for n in _notices(patient)] == ["Nouveau résultat pour « Projecteurs »"]
    queued = db.session.scalar(sa.select(OutgoingEmail).where(OutgoingEmail.user_id == patient.id))
    assert queued.status == "pending" and queued.batch == "daily"


def test_notices_for_a_listing_closed_since_are_not_sent(runner, outbox):
    owner, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    make_listing(owner, org, kind="need", title="Tables pliantes", tags="tables", terms="loan")
    publisher, other = org_with_admin("ge", "Groupement Mutualis", VICHY)
    offer = make_listing(publisher, other, kind="offer", title="Tables pliantes", tags="tables", terms="loan")
    result = runner.invoke(args=["market", "send-notifications", "--limit", "0"])  # alerts computed, not sent
    assert "0 envoyé" in result.output, result.output
    db.session.expire_all()
    close_listing(publisher, offer, "fulfilled")
    db.session.commit()
    output = _run(runner)
    # the owner's notice about the closed offer is dropped; the publisher still hears of the open need
    assert [m["To"] for m in outbox()] == [publisher.email] and "1 annulé" in output, output


def test_saving_a_search_from_the_search_page(client):
    user = make_volunteer("vite@example.org", GANNAT)
    login(client, user)
    response = client.post("/recherches", data={"q": "sono", "kind": "offer", "commune": "Vichy",
                                                "frequency": "weekly", "name": ""})
    assert response.status_code == 302
    page = client.get("/recherches").get_data(as_text=True)
    assert "Mes recherches enregistrées" in page and "sono" in page
    search = db.session.scalar(sa.select(SavedSearch))
    assert search.filters == {"q": "sono", "kind": "offer", "commune": "Vichy"} and search.frequency == "weekly"
    client.post(f"/recherches/{search.id}", data={"frequency": "never"})
    db.session.expire_all()
    assert db.session.get(SavedSearch, search.id).frequency == "never"
    client.post(f"/recherches/{search.id}/supprimer")
    assert db.session.scalar(sa.select(SavedSearch)) is None
    assert timedelta  # noqa
