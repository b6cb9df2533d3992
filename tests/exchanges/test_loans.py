"""Lending equipment as people do: a sound system with a 150 € deposit, stock by date, reminders."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.exchanges import loans
from market.exchanges.base import ExchangeRefused, NotAllowed
from market.exchanges.models import Loan
from market.extensions import db
from market.notifications.models import Notification
from tests.exchanges.conftest import make_sound_system


def _days(n):
    return loans.today() + timedelta(days=n)


def test_sound_system_lent_with_deposit_picked_up_returned_and_in_both_histories(people, browser):
    p = people
    sono = make_sound_system(p["owner"], p["centre"])
    theatre = browser(p["actor"])
    assert "Voir les disponibilités et emprunter" in theatre.text(f"/annonces/{sono.id}")
    response = theatre.post(f"/prets/materiel/{sono.id}", data={
        "organization": p["theatre"].slug, "quantity": "1", "starts_on": _days(5).isoformat(),
        "due_on": _days(7).isoformat(), "message": "Pour notre spectacle en plein air."})
    assert response.status_code == 302
    loan = db.session.scalar(sa.select(Loan))
    assert (loan.status, loan.deposit_cents, loan.quantity) == ("requested", 15000, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.kind == "loan_requested")) == 2  # both members of the centre

    owner = browser(p["owner"])
    page = owner.text(f"/prets/{loan.id}")
    assert "150,00" in page and "Accepter le prêt" in page
    owner.post(f"/prets/{loan.id}/accepter", data={"deposit": "150"})
    db.session.expire_all()
    assert loan.status == "accepted" and loan.deposit_cents == 15000 and loan.deposit_state == "none"
    assert db.session.scalar(sa.select(Notification.title).where(Notification.kind == "loan_accepted")).startswith(
        "Prêt accepté : Sonorisation")

    owner.post(f"/prets/{loan.id}/retrait", data={"checklist": ["complete", "working"], "note": "Deux micros, un pied."})
    db.session.expire_all()
    assert loan.status == "picked_up" and loan.deposit_state == "held"
    assert loan.pickup_checks == ["complete", "working"] and loan.pickup_note == "Deux micros, un pied."

    owner.post(f"/prets/{loan.id}/retour", data={"checklist": ["complete", "working", "clean"],
                                                 "note": "Rendu propre, un câble un peu usé.", "deposit": "returned"})
    db.session.expire_all()
    assert loan.status == "returned" and loan.deposit_state == "returned"
    page = theatre.text(f"/prets/{loan.id}")
    assert "Rendu propre, un câble un peu usé." in page and "Caution rendue" in page and "Propre" in page

    for who, slug, direction in ((theatre, p["theatre"].slug, "Reçu"), (owner, p["centre"].slug, "Donné")):
        history = who.text(f"/echanges/structure/{slug}")
        assert "Sonorisation 2 × 300 W" in history and direction in history and "Rendu" in history
        csv = who.get(f"/echanges/structure/{slug}/export.csv").get_data(as_text=True)
        assert "Prêt de matériel" in csv and "150,00" in csv and "Caution rendue" in csv


def _request(p, item, quantity, start, end, who="actor", org=None):
    return loans.request_loan(p[who], item, org, quantity, _days(start), _days(end))


def test_stock_is_never_lent_beyond_quantity_on_any_date(people):
    p = people
    chairs = make_sound_system(p["owner"], p["centre"], title="Chaises pliantes", quantity=50, deposit_cents=None)
    first = _request(p, chairs, 30, 3, 6)
    loans.accept_loan(p["owner"], first)
    db.session.commit()
    # 20 left from day 3 to day 6, 50 before and after
    assert loans.free_units(chairs, _days(3), _days(6)) == 20
    assert loans.free_units(chairs, _days(0), _days(2)) == 50
    assert loans.free_units(chairs, _days(7), _days(9)) == 50
    with pytest.raises(ExchangeRefused) as refused:
        _request(p, chairs, 25, 6, 8, who="outsider")
    assert "il ne reste que 20 exemplaires disponibles" in refused.value.reasons[0]
    ok = _request(p, chairs, 20, 6, 8, who="outsider")
    later = _request(p, chairs, 50, 7, 9, who="outsider")
    loans.accept_loan(p["owner"], ok)
    db.session.commit()
    # accepted meanwhile: a request that fitted when made no longer fits at accept time
    with pytest.raises(ExchangeRefused) as refused:
        loans.accept_loan(p["owner"], later)
    assert "il ne reste que 30 exemplaires disponibles" in refused.value.reasons[0]
    db.session.rollback()
    # a declined or cancelled loan gives its units back
    loans.cancel_loan(p["actor"], first, "Fête annulée")
    db.session.commit()
    assert loans.free_units(chairs, _days(3), _days(6)) == 30


def test_late_loan_keeps_holding_its_units(people):
    p = people
    sono = make_sound_system(p["owner"], p["centre"])
    loan = _request(p, sono, 1, 0, 1)
    loans.accept_loan(p["owner"], loan)
    loans.pick_up(p["owner"], loan, ["complete"])
    db.session.commit()
    loan.due_on = loans.today() - timedelta(days=2)  # two days late and not back
    loan.starts_on = loan.due_on - timedelta(days=1)
    db.session.commit()
    assert loans.free_units(sono, loans.today(), loans.today()) == 0
    with pytest.raises(ExchangeRefused):
        _request(p, sono, 1, 0, 0, who="outsider")


@pytest.mark.parametrize("quantity, start, end, reason", [
    (2, 3, 4, "Cette annonce ne propose qu'1 exemplaire."),
    (1, -1, 2, "La date de retrait est déjà passée."),
    (1, 5, 3, "La date de retour doit suivre la date de retrait."),
    (1, 1, 120, "Un prêt dure au plus 92 jours."),
])
def test_request_refusals(people, quantity, start, end, reason):
    p = people
    sono = make_sound_system(p["owner"], p["centre"])
    with pytest.raises(ExchangeRefused) as refused:
        _request(p, sono, quantity, start, end)
    assert reason in refused.value.reasons


def test_every_transition_through_the_pages(people, browser):
    p = people
    sono = make_sound_system(p["owner"], p["centre"], quantity=3)
    owner, theatre = browser(p["owner"]), browser(p["actor"])
    declined, withdrawn, cancelled, kept = (_request(p, sono, 1, 2, 3, org=p["theatre"]) for _ in range(4))
    db.session.commit()
    owner.post(f"/prets/{declined.id}/refuser", data={"decline-reason": "Déjà promis à l'AMAP."})
    theatre.post(f"/prets/{withdrawn.id}/annuler", data={"cancel-reason": "Nous avons trouvé ailleurs."})
    owner.post(f"/prets/{cancelled.id}/accepter", data={"deposit": ""})
    owner.post(f"/prets/{cancelled.id}/annuler", data={"cancel-reason": "La sono est en panne."})
    owner.post(f"/prets/{kept.id}/accepter", data={"deposit": "150"})
    owner.post(f"/prets/{kept.id}/retrait", data={"checklist": ["complete", "working", "clean", "undamaged"]})
    html = owner.post(f"/prets/{kept.id}/retour", data={"deposit": "kept"}, follow_redirects=True).get_data(as_text=True)
    assert "Expliquez dans la note pourquoi la caution est conservée." in html
    owner.post(f"/prets/{kept.id}/retour", data={"deposit": "kept", "note": "Haut-parleur percé."})
    db.session.expire_all()
    assert (declined.status, declined.decline_reason) == ("declined", "Déjà promis à l'AMAP.")
    assert (withdrawn.status, withdrawn.cancelled_by_side) == ("cancelled", "requester")
    assert (cancelled.status, cancelled.cancelled_by_side, cancelled.deposit_cents) == ("cancelled", "owner", 0)
    assert (kept.status, kept.deposit_state, kept.return_note) == ("returned", "kept", "Haut-parleur percé.")
    # the borrower cannot record pickup or return, nor accept its own request
    other = _request(p, sono, 1, 2, 3, org=p["theatre"])
    db.session.commit()
    assert theatre.post(f"/prets/{other.id}/accepter").status_code == 403
    loans.accept_loan(p["colleague"], other)
    db.session.commit()
    with pytest.raises(NotAllowed):
        loans.pick_up(p["actor"], other, [])
    assert theatre.post(f"/prets/{other.id}/retrait").status_code == 403
    # an action no longer possible is refused with a sentence, not an error page
    html = owner.post(f"/prets/{declined.id}/accepter", follow_redirects=True).get_data(as_text=True)
    assert "Cette action n&#39;est plus possible" in html


def test_reminders_before_pickup_before_due_and_overdue_are_sent_once(people, runner, outbox):
    p = people
    sono = make_sound_system(p["owner"], p["centre"], quantity=3)
    pickup = _request(p, sono, 1, 1, 3, org=p["theatre"])
    due = _request(p, sono, 1, 0, 1, org=p["theatre"])
    late = _request(p, sono, 1, 0, 0, org=p["theatre"])
    for loan in (pickup, due, late):
        loans.accept_loan(p["owner"], loan)
    loans.pick_up(p["owner"], due, [])
    loans.pick_up(p["owner"], late, [])
    db.session.commit()
    late.starts_on = late.due_on = loans.today() - timedelta(days=1)
    db.session.commit()

    result = runner.invoke(args=["market", "send-exchange-reminders"])
    assert result.exit_code == 0, result.output
    assert "1 retrait(s), 1 retour(s), 1 retard(s)" in result.output
    db.session.expire_all()
    assert late.status == "overdue"
    kinds = db.session.execute(sa.select(Notification.kind, Notification.user_id)).all()
    people_told = {p["owner"].id, p["colleague"].id, p["actor"].id}
    for kind in ("loan_reminder_pickup", "loan_reminder_due", "loan_overdue"):
        assert {user for k, user in kinds if k == kind} == people_told
    again = runner.invoke(args=["market", "send-exchange-reminders"])
    assert "0 retrait(s), 0 retour(s), 0 retard(s)" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == len(kinds)
    # the e-mails go out through the notification sender
    assert runner.invoke(args=["market", "send-notifications", "--no-alerts"]).exit_code == 0
    from tests.factories import body_text
    texts = [body_text(m) for m in outbox() if m["To"] == "theatre@example.org"]
    assert any("Pensez à convenir de l'heure du retrait" in t and "Rappel : retrait demain" in t for t in texts)
    assert any("Retour en retard : « Sonorisation 2 × 300 W » devait être rendu le" in t for t in texts)
    # an overdue loan can still be returned
    loans.return_loan(p["owner"], late, ["complete"], "Rendu avec deux jours de retard.")
    assert late.status == "returned"
