"""The pages as members use them: post, answer, accept, record, confirm, balance, Mon espace, coordination."""
from market.extensions import db
from market.timebank.models import HelpExchange, HelpPost
from tests.timebank.conftest import agreed_exchange, balance, offer


def test_the_whole_journey_through_the_pages(people, browser):
    juriste, theatre = browser(people["juriste"]), browser(people["actor"])
    groupement = people["groupement"]
    response = juriste.post("/coups-de-pouce/nouveau", data={
        "holder": f"org:{groupement.id}", "kind": "offer", "skill": "legal", "title": "Relecture de vos statuts",
        "description": "Une heure au téléphone.", "hours": "1"})
    assert response.status_code == 302
    post = db.session.scalar(db.select(HelpPost))
    assert post.account.label == groupement.name
    page = theatre.text("/coups-de-pouce/?competence=legal")
    assert "Relecture de vos statuts" in page
    response = theatre.post(f"/coups-de-pouce/{post.id}", data={
        "holder": f"org:{people['theatre'].id}", "message": "Nos statuts datent de 1998.", "scheduled_on": ""})
    assert response.status_code == 302
    exchange = db.session.scalar(db.select(HelpExchange))
    assert "Demandes à accepter" in juriste.text("/mon-espace")
    juriste.post(f"/coups-de-pouce/echanges/{exchange.id}/accept")
    juriste.post(f"/coups-de-pouce/echanges/{exchange.id}/record", data={"hours": "1"})
    dashboard = theatre.text("/mon-espace")
    assert "Heures à confirmer" in dashboard and "Relecture de vos statuts" in dashboard
    theatre.post(f"/coups-de-pouce/echanges/{exchange.id}/confirm")
    db.session.expire_all()
    assert balance(groupement) == 60 and balance(people["theatre"]) == -60
    page = theatre.text("/coups-de-pouce/mon-compte")
    assert 'data-balance="-60"' in page and "\u22121 h" in page and "Relecture de vos statuts" in page
    assert "Heures à confirmer" not in theatre.text("/mon-espace")


def test_a_bad_post_keeps_what_was_typed(people, browser):
    response = browser(people["juriste"]).post("/coups-de-pouce/nouveau", data={
        "holder": f"org:{people['groupement'].id}", "kind": "offer", "skill": "legal",
        "title": "Aide à la paie", "hours": "beaucoup"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Aide à la paie" in page and "Écrivez un nombre d'heures" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(HelpPost)) == 0


def test_one_cannot_post_for_an_organisation_one_is_not_a_member_of(people, browser):
    response = browser(people["outsider"]).post("/coups-de-pouce/nouveau", data={
        "holder": f"org:{people['groupement'].id}", "kind": "offer", "skill": "legal", "title": "x", "hours": "1"})
    assert response.status_code == 200  # not a choice offered to this person: the form says so
    assert db.session.scalar(db.select(db.func.count()).select_from(HelpPost)) == 0


def test_wrong_hours_are_explained_and_nothing_moves(people, browser):
    exchange = agreed_exchange(people)
    juriste = browser(people["juriste"])
    response = juriste.post(f"/coups-de-pouce/echanges/{exchange.id}/record", data={"hours": "-3"}, follow_redirects=True)
    assert response.status_code == 200 and "Indiquez un nombre d'heures entre" in response.get_data(as_text=True)
    db.session.refresh(exchange)
    assert exchange.status == "agreed"


def test_an_outsider_sees_no_exchange_and_cannot_act(people, browser):
    exchange = agreed_exchange(people)
    outsider = browser(people["outsider"])
    assert outsider.get(f"/coups-de-pouce/echanges/{exchange.id}").status_code == 404
    assert outsider.post(f"/coups-de-pouce/echanges/{exchange.id}/cancel").status_code == 404
    assert browser(people["actor"]).post(f"/coups-de-pouce/echanges/{exchange.id}/nothing").status_code == 404


def test_the_coordinator_corrects_from_the_account_page(people, browser):
    exchange = agreed_exchange(people)
    from market.timebank import services
    services.act(people["juriste"], exchange, "record", minutes=60)
    services.act(people["actor"], exchange, "confirm")
    db.session.commit()
    coordinator = browser(people["coordinator"])
    assert "Compagnie du Petit Théâtre" in coordinator.text("/coups-de-pouce/coordination")
    account_id = exchange.receiver_account_id
    page = coordinator.text(f"/coups-de-pouce/coordination/comptes/{account_id}")
    assert "Annuler par une écriture inverse" in page
    response = coordinator.post(f"/coups-de-pouce/coordination/ecritures/{exchange.entry_id}/corriger",
                                data={"reason": ""}, follow_redirects=True)
    assert "Indiquez la raison de la correction." in response.get_data(as_text=True)
    coordinator.post(f"/coups-de-pouce/coordination/ecritures/{exchange.entry_id}/corriger",
                     data={"reason": "Saisi en double"})
    db.session.expire_all()
    assert balance(people["theatre"]) == 0
    page = coordinator.text(f"/coups-de-pouce/coordination/comptes/{account_id}")
    assert "Saisi en double" in page and "Camille Coordination" in page
    response = coordinator.post(f"/coups-de-pouce/coordination/comptes/{account_id}",
                                data={"hard_floor": "-5", "hard_ceiling": "10", "soft_floor": "", "soft_ceiling": ""})
    assert response.status_code == 302
    db.session.expire_all()
    from market.ledger.models import LedgerAccount
    assert db.session.get(LedgerAccount, account_id).hard_floor == -300
