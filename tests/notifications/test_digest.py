"""The network's newsletter: the right items in the right order, once per person and period."""
import sqlalchemy as sa

from market.extensions import db
from market.listings.services import close_listing
from market.notifications.models import DigestDelivery
from market.notifications.services import save_preferences
from tests.factories import CUSSET, VICHY, body_text, login, make_coordinator, make_listing, make_org, make_user

MOULINS = "03190"


def _network():
    reader = make_user("lecteur@example.org", "Lecteur Cinéma")
    cinema = make_org(reader, name="Ciné-village", commune=CUSSET, sectors="culture; cinéma")
    make_listing(reader, cinema, kind="need", title="Vidéoprojecteur pour nos séances", tags="vidéo", terms="loan",
                 commune_code=CUSSET)
    lender = make_user("preteur@example.org", "Prêteur")
    sport = make_org(lender, name="Club de Moulins", commune=MOULINS)
    make_listing(lender, sport, kind="offer", category="premises", title="Salle de réunion 40 places", tags="salle",
                 terms="loan", commune_code=MOULINS)
    neighbour = make_user("voisin@example.org", "Voisin")
    centre = make_org(neighbour, name="Centre social des Ailes", commune=VICHY)
    make_listing(neighbour, centre, kind="offer", title="Vidéoprojecteur HD et écran", tags="vidéo", terms="loan")
    make_listing(neighbour, centre, kind="need", urgent=True, category="volunteering", terms="free",
                 title="Chauffeur pour demain matin", tags="")
    closed = make_listing(neighbour, centre, kind="offer", title="Barnum 3 x 3", tags="barnum", terms="loan")
    close_listing(neighbour, closed, "fulfilled")
    quiet = make_user("silence@example.org", "Pas de lettre")
    save_preferences(quiet, newsletter=False)
    db.session.commit()
    return reader, quiet


def _send(runner):
    result = runner.invoke(args=["market", "send-digest", "--period", "weekly"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_weekly_digest_arrives_with_near_and_interesting_first_and_only_once(runner, smtp_server, client):
    reader, quiet = _network()
    coordinator = make_coordinator()
    login(client, coordinator)
    client.post("/lettre/apercu?period=weekly", data={"editorial": "Rencontre du réseau jeudi 19 h à Cusset."})
    _send(runner)
    by_recipient = {m["To"]: m for m in smtp_server}
    assert quiet.email not in by_recipient
    digest = by_recipient[reader.email]
    assert digest["List-Unsubscribe"] and digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = body_text(digest)
    assert text.index("Rencontre du réseau jeudi") < text.index("Près de chez vous")
    near = text.index("Près de chez vous et dans vos centres d'intérêt")
    elsewhere = text.index("Ailleurs dans le réseau")
    assert near < text.index("Vidéoprojecteur HD et écran") < elsewhere < text.index("Salle de réunion 40 places")
    assert "Vidéoprojecteur pour nos séances" not in text  # their own listing
    assert "Barnum" not in text  # closed
    assert "Nouvelles structures membres" in text and "Club de Moulins" in text
    urgent = text.index("Besoins urgents toujours ouverts")
    assert urgent < text.index("Chauffeur pour demain matin", urgent)
    count = len(smtp_server)
    assert "0 préparée(s)" in _send(runner)
    assert len(smtp_server) == count  # running it again sends nothing new
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DigestDelivery)
                             .where(DigestDelivery.user_id == reader.id)) == 1


def test_next_digest_only_has_what_is_new_since_the_last_one(runner, outbox):
    reader, _ = _network()
    from datetime import timedelta

    from market.notifications import digest
    from market.types import utcnow
    now = utcnow()
    digest.prepare("weekly", now)
    db.session.commit()
    later = now + timedelta(days=7)
    sections = digest.build(reader, db.session.scalar(sa.select(sa.func.max(DigestDelivery.until))), later)
    assert sections["featured"] == [] and sections["others"] == []  # nothing new since
    assert sections["urgent"]  # but the urgent need is still open


def test_only_coordinators_preview_the_digest(client):
    _network()
    member = make_user("membre@example.org", "Membre")
    login(client, member)
    assert client.get("/lettre/apercu").status_code == 403
    client.post("/deconnexion")
    login(client, make_coordinator())
    page = client.get("/lettre/apercu?period=weekly").get_data(as_text=True)
    assert "Aperçu de la lettre du réseau" in page and "Vidéoprojecteur HD et écran" in page
    client.post("/lettre/apercu?period=weekly", data={"editorial": "Bonne semaine à toutes et tous !"})
    assert "Bonne semaine à toutes et tous !" in client.get("/lettre/apercu?period=weekly").get_data(as_text=True)


def test_the_letter_names_the_networks_next_dates_which_alone_never_send_one(runner, smtp_server):
    """Issue 17: the next meetings in the newsletter (HTML and text); a cancelled date is left out; with nothing
    new but dates, no letter goes out (dates are a reminder, not news)."""
    from market.network import services
    from tests.network.helpers import make_meeting
    coordinator = make_coordinator()
    breakfast = make_meeting(coordinator, title="Petit déjeuner thématique : prêter nos salles")
    cancelled = make_meeting(coordinator, title="Visite du jardin d'insertion")
    services.cancel(coordinator, cancelled)
    db.session.commit()
    _send(runner)
    assert smtp_server == []  # dates alone: nothing new to tell
    reader, _ = _network()
    _send(runner)
    letter = {m["To"]: m for m in smtp_server}[reader.email]
    text = body_text(letter)
    assert "Prochaines dates du réseau" in text and "Petit déjeuner thématique : prêter nos salles" in text
    assert f"/agenda/{breakfast.id}" in text and "Visite du jardin" not in text
    html = letter.get_body(preferencelist=("html",)).get_content()
    assert f'/agenda/{breakfast.id}">Petit déjeuner thématique : prêter nos salles</a>' in html
