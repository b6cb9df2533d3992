"""The giver's page after the handovers: corrections as new entries, withdrawing a batch, the per-member maximum."""
from market.extensions import db
from market.notifications.models import Notification
from market.ressourcerie import services
from market.ressourcerie.models import Handover
from tests.factories import make_batch


def _kinds(user):
    return [n.kind for n in db.session.scalars(db.select(Notification).where(Notification.user_id == user.id))]


def test_a_correction_is_added_from_the_page_and_the_original_entry_stays(network, browser):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=5)
    entry = services.hand_over(network["giver"], services.reserve(network["a"], batch, 3, network["a_org"]))
    db.session.commit()
    giver = browser(network["giver"])
    page = giver.text(batch.url)
    assert "Remises enregistrées" in page and "Corriger une remise" in page
    too_many = giver.post(f"/ressourcerie/lots/{batch.id}/corriger",
                          data={"entry": str(entry.id), "quantity": "-4", "note": "Erreur de saisie"})
    assert too_many.status_code == 400 and "compte 3 article(s) en tout" in too_many.get_data(as_text=True)
    no_reason = giver.post(f"/ressourcerie/lots/{batch.id}/corriger",
                           data={"entry": str(entry.id), "quantity": "-1", "note": ""})
    assert no_reason.status_code == 400 and 'value="-1"' in no_reason.get_data(as_text=True)
    assert giver.post(f"/ressourcerie/lots/{batch.id}/corriger", data={
        "entry": str(entry.id), "quantity": "-1", "note": "Un portable ne démarrait pas"}).status_code == 302
    entries = db.session.scalars(db.select(Handover).order_by(Handover.id)).all()
    assert [(e.quantity, e.method, e.corrects_id) for e in entries] == [(3, "donor", None), (-1, "correction", entry.id)]
    assert "Un portable ne démarrait pas" in giver.text(batch.url)
    assert '<dd id="impact-items">2</dd>' in browser().text("/ressourcerie/impact")
    assert browser(network["a"]).post(f"/ressourcerie/lots/{batch.id}/corriger", data={
        "entry": str(entry.id), "quantity": "-1", "note": "Pas à moi"}).status_code == 403


def test_withdrawing_a_batch_ends_its_reservations_and_tells_their_holders(network, browser):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=2)
    held = services.reserve(network["a"], batch, 2, network["a_org"])
    waiting = services.reserve(network["b"], batch, 1, network["b_org"])
    db.session.commit()
    assert browser(network["a"]).post(f"/ressourcerie/lots/{batch.id}/retirer").status_code == 403
    assert browser(network["giver"]).post(f"/ressourcerie/lots/{batch.id}/retirer").status_code == 302
    db.session.expire_all()
    assert batch.status == "closed" and (held.status, waiting.status) == ("RELEASED", "RELEASED")
    assert "ressourcerie_ended" in _kinds(network["a"]) and "ressourcerie_ended" in _kinds(network["b"])
    assert batch.title not in browser().text("/ressourcerie/")
    assert browser(network["a"]).get(batch.url).status_code == 404


def test_when_everything_is_handed_over_the_waiting_list_is_told_and_ended(network, browser):
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=2)
    held = services.reserve(network["a"], batch, 2, network["a_org"])
    waiting = services.reserve(network["b"], batch, 1, network["b_org"])
    services.hand_over(network["giver"], held)
    db.session.commit()
    assert batch.status == "given" and waiting.status == "RELEASED"
    assert _kinds(network["b"]).count("ressourcerie_ended") == 1


def test_the_per_member_maximum_counts_what_the_structure_already_has(network, browser):
    from market.accounts.models import Membership
    from tests.factories import make_user
    batch = make_batch(network["giver"], network["mutual"], photos=0, quantity=12, max_per_member=4)
    services.hand_over(network["giver"], services.reserve(network["a"], batch, 3, network["a_org"]))
    colleague = make_user("collegue@example.org", "Paul Collègue")
    db.session.add(Membership(user=colleague, organization=network["a_org"], role="member"))
    db.session.commit()
    response = browser(colleague).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                       data={"organization": network["a_org"].slug, "quantity": "2"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "4 articles au plus par structure" in page and "3 sont déjà" in page
    assert browser(colleague).post(f"/ressourcerie/lots/{batch.id}/reserver", data={
        "organization": network["a_org"].slug, "quantity": "1"}).status_code == 302
