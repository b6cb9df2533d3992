"""The issue's "Done means", through the pages: 12 laptops, 5 + 5 + 4 reserved, a lapse, an offer, a code, the impact."""
import re
from datetime import timedelta

from market.extensions import db
from market.notifications.models import Notification, OutgoingEmail
from market.ressourcerie.models import Batch, Reservation
from market.types import utcnow
from tests.factories import CUSSET, make_listing, photo_file


def _notices(user, kind):
    return db.session.scalars(db.select(Notification).where(Notification.user_id == user.id,
                                                            Notification.kind == kind)).all()


def _reserve(browser, user, batch, quantity, org):
    response = browser(user).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                  data={"organization": org.slug, "quantity": str(quantity)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return db.session.scalar(db.select(Reservation).where(Reservation.user_id == user.id))


def test_twelve_laptops_reserved_lapsed_offered_confirmed_handed_over_and_counted(network, browser, runner):
    need = make_listing(network["c"], network["c_org"], kind="need", title="Besoin d'ordinateurs pour l'atelier",
                        description="Pour l'atelier numérique du jardin.", commune_code=CUSSET, terms="free", tags="")
    giver = browser(network["giver"])
    response = giver.post("/ressourcerie/donner", content_type="multipart/form-data", data={
        "organization": network["mutual"].slug, "title": "12 ordinateurs portables 14 pouces",
        "category": "informatique", "condition": "bon_etat", "quantity": "12", "commune": "Vichy",
        "hold_days": "7", "photos": [photo_file(), photo_file()]})
    assert response.status_code == 302
    batch = db.session.scalar(db.select(Batch))
    assert len(batch.photos) == 2 and batch.unit_weight_g == 2500 and not batch.weighed
    assert "12 ordinateurs portables" in browser().get("/ressourcerie/?q=ordinateur").get_data(as_text=True)
    # a need for "ordinateur" finds the laptops: in the listings' search, and beside the need's matches
    assert "12 ordinateurs portables" in browser().text("/annonces/?q=ordinateur")
    assert "12 ordinateurs portables" in browser().text(f"/annonces/{need.id}/correspondances?partiel=1")

    first = _reserve(browser, network["a"], batch, 5, network["a_org"])
    second = _reserve(browser, network["b"], batch, 5, network["b_org"])
    third = _reserve(browser, network["c"], batch, 4, network["c_org"])
    assert (first.status, second.status, third.status) == ("HELD", "HELD", "WAITING")
    page = browser(network["c"]).text(batch.url)
    assert "Position dans la liste d'attente : 1" in page

    # the first does not come: its pickup window ends, the cron command runs (twice)
    first.hold.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    outputs = [runner.invoke(args=["market", "ressourcerie-lapse"]).output for _ in range(2)]
    assert outputs == ["Réservations expirées : 1 ; personnes prévenues : 1.\n"
                       "Nouveaux lots : 1 ; membres prévenus d'un lot pour leur besoin : 1.\n",
                       "Réservations expirées : 0 ; personnes prévenues : 0.\n"
                       "Nouveaux lots : 0 ; membres prévenus d'un lot pour leur besoin : 0.\n"]
    assert len(_notices(network["c"], "match_ressourcerie")) == 1  # the need's owner heard of the laptops
    db.session.expire_all()
    assert first.status == "LAPSED" and third.status == "OFFERED"
    assert len(_notices(network["a"], "ressourcerie_lapsed")) == 1
    offered = _notices(network["c"], "ressourcerie_offer")
    assert len(offered) == 1 and batch.title in offered[0].title
    assert db.session.scalar(db.select(db.func.count(OutgoingEmail.id)).where(
        OutgoingEmail.notification_id == offered[0].id)) == 1  # the e-mail is queued at once
    assert "non venu·e : 1 fois" in giver.text(batch.url)  # the no-show is visible to the giver

    # the third accepts, then shows its code at the handover
    assert browser(network["c"]).post(f"/ressourcerie/reservations/{third.id}/accepter").status_code == 302
    db.session.expire_all()
    assert third.status == "HELD"
    code = re.search(r'class="pickup-code"[^>]*><strong>(\d{6})</strong>', browser(network["c"]).text(batch.url))
    assert code and code.group(1) == third.code
    wrong = giver.post(f"/ressourcerie/lots/{batch.id}/code", data={"code": "000000" if third.code != "000000" else "111111"})
    assert wrong.status_code == 400 and "Aucune réservation à remettre" in wrong.get_data(as_text=True)
    assert giver.post(f"/ressourcerie/lots/{batch.id}/code", data={"code": third.code}).status_code == 302
    db.session.expire_all()
    assert third.status == "DONE"

    # the impact page counts exactly the handed-over items: 4 laptops × 2.5 kg, 60 kg CO₂e per kg
    impact = browser().text("/ressourcerie/impact")
    assert '<dd id="impact-items">4</dd>' in impact and '<dd id="impact-kg">10,0 kg</dd>' in impact
    assert '<dd id="impact-co2">600,0 kg CO₂e</dd>' in impact and "estimation" in impact
    csv_text = browser().get("/ressourcerie/impact.csv").get_data(as_text=True)
    assert "total;;4;10,0;600,0" in csv_text and "Jardin de Cocagne" in csv_text
