"""Agreements for skills and volunteering: proposed, confirmed by the other side, done by both, thanked."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.exchanges import agreements, conversations
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.models import Agreement
from market.extensions import db
from market.notifications.models import Notification
from market.types import utcnow
from tests.factories import make_listing


def _need_and_conversation(p):
    """The theatre company needs a graphic designer; the social centre answers."""
    need = make_listing(p["actor"], p["theatre"], kind="need", category="skill", skill_domain="communication",
                        title="Affiche pour notre festival", terms="free")
    conv = conversations.start_conversation(p["owner"], need, p["centre"])
    conversations.post_message(p["owner"], conv, "Notre graphiste bénévole peut vous aider.")
    db.session.commit()
    return need, conv


def test_agreement_confirmed_done_by_both_with_hours_and_thanks_on_the_page(people, browser):
    p = people
    need, conv = _need_and_conversation(p)
    centre, theatre = browser(p["owner"]), browser(p["actor"])
    day = (utcnow() + timedelta(days=10)).date()
    assert "Proposer un accord" in centre.text(f"/conversations/{conv.id}")
    response = centre.post(f"/accords/nouveau/{conv.id}", data={
        "title": "Création de l'affiche du festival", "scheduled_on": day.isoformat(),
        "time_note": "deux après-midi", "hours": "6,5"})
    assert response.status_code == 302
    agreement = db.session.scalar(sa.select(Agreement))
    assert (agreement.status, agreement.minutes, agreement.proposed_by_side) == ("proposed", 390, "requester")
    assert agreement.requester_confirmed_at is not None and agreement.owner_confirmed_at is None
    # the proposer cannot confirm its own proposal
    assert centre.post(f"/accords/{agreement.id}/confirmer").status_code == 403
    assert "Confirmer l'accord" in theatre.text(agreement.url)
    theatre.post(f"/accords/{agreement.id}/confirmer")
    db.session.expire_all()
    assert agreement.status == "confirmed"

    theatre.post(f"/accords/{agreement.id}/realise", data={"note": "Une affiche superbe, merci au centre social !"})
    db.session.expire_all()
    assert agreement.status == "confirmed" and agreement.owner_done_at is not None
    html = theatre.post(f"/accords/{agreement.id}/realise", data={"note": ""}, follow_redirects=True).get_data(as_text=True)
    assert "Vous avez déjà indiqué que cet accord est réalisé." in html
    centre.post(f"/accords/{agreement.id}/realise", data={"note": ""})
    db.session.expire_all()
    assert agreement.status == "done" and agreement.done_at is not None

    # the theatre's note shows on the centre's page (the side that gave its time)
    page = browser().text(f"/annuaire/{p['centre'].slug}")
    assert "Remerciements reçus" in page and "Une affiche superbe, merci au centre social !" in page
    assert "Compagnie du Petit Théâtre" in page and "6 h 30" in page
    assert "Remerciements reçus" not in browser().text(f"/annuaire/{p['theatre'].slug}")
    centre.post(f"/accords/{agreement.id}/merci", data={"note": "Merci pour votre accueil."})
    assert "Merci pour votre accueil." in browser().text(f"/annuaire/{p['theatre'].slug}")

    # hours recorded in both histories, given by the centre, received by the theatre
    assert "temps donné : 6 h 30, reçu : 0 h" in centre.text(f"/echanges/structure/{p['centre'].slug}")
    assert "temps donné : 0 h, reçu : 6 h 30" in theatre.text(f"/echanges/structure/{p['theatre'].slug}")
    kinds = {k for (k,) in db.session.execute(sa.select(Notification.kind))}
    assert {"agreement_proposed", "agreement_confirmed", "agreement_done"} <= kinds


def test_agreement_refusals_and_cancel(people):
    p = people
    _need, conv = _need_and_conversation(p)
    day = (utcnow() + timedelta(days=3)).date()
    with pytest.raises(ExchangeRefused):
        agreements.propose(p["actor"], conv, "  ", day, 60)
    with pytest.raises(ExchangeRefused):
        agreements.propose(p["actor"], conv, "Atelier", day, 0)
    with pytest.raises(NotAllowed):
        agreements.propose(p["outsider"], conv, "Atelier", day, 60)
    agreement = agreements.propose(p["actor"], conv, "Atelier affiche", day, 120)
    with pytest.raises(ExchangeRefused):  # not confirmed yet: cannot be done
        agreements.mark_done(p["actor"], agreement)
    with pytest.raises(ExchangeRefused):
        agreements.thank(p["owner"], agreement, "Merci")
    agreements.cancel(p["owner"], agreement, "Notre graphiste n'est plus disponible.")
    assert agreement.status == "cancelled" and agreement.cancel_reason == "Notre graphiste n'est plus disponible."
    with pytest.raises(ExchangeRefused):
        agreements.confirm(p["owner"], agreement)


def test_no_agreement_on_rooms_or_equipment(people, browser):
    from tests.exchanges.conftest import make_room
    p = people
    room = make_room(p["owner"], p["centre"])
    conv = conversations.start_conversation(p["actor"], room, p["theatre"])
    db.session.commit()
    assert browser(p["actor"]).get(f"/accords/nouveau/{conv.id}").status_code == 403


def test_cancel_an_agreement_from_its_page(people, browser):
    p = people
    _need, conv = _need_and_conversation(p)
    agreement = agreements.propose(p["owner"], conv, "Atelier affiche", (utcnow() + timedelta(days=3)).date(), 90)
    db.session.commit()
    theatre = browser(p["actor"])
    page = theatre.text(agreement.url)
    assert '<label class="form-label" for="cancel-reason">Raison de l\'annulation' in page
    theatre.post(f"/accords/{agreement.id}/annuler", data={"cancel-reason": ""})
    db.session.expire_all()
    assert agreement.status == "proposed"
    theatre.post(f"/accords/{agreement.id}/annuler", data={"cancel-reason": "Festival reporté en juin."})
    db.session.expire_all()
    assert agreement.status == "cancelled"
    assert "Festival reporté en juin." in browser(p["owner"]).text(agreement.url)
    assert db.session.scalar(sa.select(Notification.user_id).where(Notification.kind == "agreement_cancelled")) \
        == p["owner"].id
