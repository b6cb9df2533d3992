"""Who may do what, through the pages: giving, reserving, handing over, seeing the reservations."""
from market.extensions import db
from market.ressourcerie import services
from market.ressourcerie.models import Reservation
from tests.factories import make_batch


def test_the_giver_may_not_reserve_its_own_batch_and_an_outsider_may_not_hand_over(network, browser):
    batch = make_batch(network["giver"], network["mutual"], quantity=4)
    assert browser(network["giver"]).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                          data={"organization": "", "quantity": "1"}).status_code == 403
    reservation = services.reserve(network["a"], batch, 1, network["a_org"])
    db.session.commit()
    assert browser(network["outsider"]).post(f"/ressourcerie/reservations/{reservation.id}/remis").status_code == 404
    assert browser(network["a"]).post(f"/ressourcerie/reservations/{reservation.id}/remis").status_code == 403
    assert browser(network["outsider"]).post(f"/ressourcerie/lots/{batch.id}/code",
                                             data={"code": reservation.code}).status_code == 403
    assert reservation.status == "HELD"


def test_only_the_giver_sees_the_reservations_and_codes(network, browser):
    batch = make_batch(network["giver"], network["mutual"], quantity=4)
    reservation = services.reserve(network["a"], batch, 1, network["a_org"])
    db.session.commit()
    assert "AMAP du Sichon" in browser(network["giver"]).text(batch.url)
    for viewer in (None, network["outsider"], network["b"]):
        page = browser(viewer).text(batch.url)
        assert "AMAP du Sichon" not in page and reservation.code not in page


def test_no_giving_for_an_organisation_one_is_not_a_member_of(network, browser):
    response = browser(network["a"]).post("/ressourcerie/donner", data={
        "organization": network["mutual"].slug, "title": "Chaises", "category": "mobilier",
        "condition": "usage", "quantity": "10", "commune": "Vichy", "hold_days": "7"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="organization-error"' in page and 'value="Chaises"' in page
    from market.ressourcerie.models import Batch
    assert db.session.scalar(db.select(db.func.count(Batch.id))) == 0


def test_reserving_more_than_allowed_says_why_and_keeps_the_number(network, browser):
    batch = make_batch(network["giver"], network["mutual"], quantity=12, max_per_member=4)
    response = browser(network["a"]).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                          data={"organization": network["a_org"].slug, "quantity": "5"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "4 articles au plus" in page and 'value="5"' in page
    response = browser(network["a"]).post(f"/ressourcerie/lots/{batch.id}/reserver",
                                          data={"organization": network["a_org"].slug, "quantity": "beaucoup"})
    assert response.status_code == 400 and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Reservation.id))) == 0


def test_one_reservation_at_a_time_per_person_and_batch(network, browser):
    batch = make_batch(network["giver"], network["mutual"], quantity=12)
    services.reserve(network["a"], batch, 1, network["a_org"])
    db.session.commit()
    try:
        services.reserve(network["a"], batch, 1, None)
    except services.Refused as exc:
        assert "déjà une réservation" in str(exc)
    else:
        raise AssertionError("a second reservation was taken")


def test_a_bad_give_form_keeps_what_was_typed(network, browser):
    response = browser(network["giver"]).post("/ressourcerie/donner", data={
        "organization": network["mutual"].slug, "title": "Chaises empilables", "category": "mobilier",
        "condition": "usage", "quantity": "0", "unit_weight": "lourd", "commune": "Nulle-Part-sur-Mer",
        "hold_days": "7"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="Chaises empilables"' in page
    for words in ("Entre 1 et 10 000 articles.", "Écrivez un poids en kilos", "Commune inconnue"):
        assert words in page


def test_mon_espace_shows_the_reservation_to_collect_and_the_items_to_hand_over(network, browser):
    batch = make_batch(network["giver"], network["mutual"], quantity=2)
    held = services.reserve(network["a"], batch, 2, network["a_org"])
    services.reserve(network["b"], batch, 1, network["b_org"])
    db.session.commit()
    mine = browser(network["a"]).text("/mon-espace")
    assert batch.title in mine and held.code in mine
    assert "position 1" in browser(network["b"]).text("/mon-espace")
    assert "1 réservation à remettre" in browser(network["giver"]).text("/mon-espace")
