"""A need's answers from the other services: a ressourcerie batch of laptops, the paper group purchase."""
from market.extensions import db
from market.ressourcerie import services as ressourcerie
from tests.factories import GANNAT, VICHY, login, make_coordinator, make_listing, make_org, make_user
from tests.purchasing.conftest import open_paper

TROYES = "10387"  # far from the Allier


def _laptops(giver, org, commune=VICHY, title="12 ordinateurs portables renouvelés"):
    return ressourcerie.give(giver, org, {"title": title, "description": "Core i5, 8 Go, chargeurs fournis.",
                                          "category": "informatique", "condition": "bon_etat", "quantity": 12,
                                          "commune_code": commune})


def _matches(client, need) -> str:
    return client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)


def test_a_need_for_a_computer_finds_the_laptops_batch_and_says_why(client, app):
    giver = make_user("mutuelle@example.org", "Mathilde")
    with app.test_request_context():
        batch = _laptops(giver, make_org(giver, name="Mutuelle des Sources"))
        far = _laptops(giver, None, commune=TROYES, title="Ordinateurs de bureau à Troyes")
        _laptops(giver, None, title="Chaises pliantes portables")  # shares only a qualifier
    db.session.commit()
    asker = make_user("amap@example.org", "Anne")
    need = make_listing(asker, make_org(asker, name="AMAP du Sichon", commune=GANNAT), kind="need",
                        title="Un ordinateur portable pour nos permanences", terms="free")
    html = _matches(client, need)
    assert "Ailleurs sur la plateforme" in html and "Ressourcerie" in html
    assert f'href="/ressourcerie/{batch.id}"' in html or batch.title in html
    assert "12 ordinateurs portables renouvelés" in html and "à donner : 12 disponible(s)" in html
    assert "en commun : ordinateur" in html
    assert far.title not in html  # beyond 50 km: rarely worth the trip
    assert "Chaises pliantes" not in html  # "portable" alone never makes two things the same


def test_a_need_for_paper_finds_the_open_group_purchase_with_its_price_now(client):
    coordinator = make_coordinator()
    open_paper(coordinator)
    asker = make_user("centres@example.org", "Claire")
    need = make_listing(asker, make_org(asker, name="Foyers du Sichon"), kind="need",
                        title="Papier recyclé pour les ateliers", terms="free")
    html = _matches(client, need)
    assert "Achat groupé" in html and "Papier A4 recyclé" in html and "prix actuel : 4,20" in html
    assert "en commun : papier" in html or "en commun : papier, recyclé" in html


def test_an_offer_gets_no_answers_from_other_services(client):
    coordinator = make_coordinator()
    open_paper(coordinator)
    owner = make_user("centres@example.org", "Claire")
    offer = make_listing(owner, make_org(owner, name="Foyers du Sichon"), title="Papier recyclé en trop")
    assert "Ailleurs sur la plateforme" not in _matches(client, offer)
