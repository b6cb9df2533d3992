"""A need for a skill also meets the time bank: a coup de pouce of the same domain, a coming workshop on its words."""
from datetime import datetime, time, timedelta

from market.extensions import db
from market.timebank import workshops
from market.timebank.rules import PARIS
from tests.factories import make_listing, make_org, make_user
from tests.timebank.conftest import offer


def _matches(client, need) -> str:
    return client.get(f"/annonces/{need.id}/correspondances?partiel=1").get_data(as_text=True)


def test_a_need_for_a_legal_opinion_meets_the_juristes_coup_de_pouce(client, people):
    offer(people)
    asker = make_user("cinema@example.org", "Claire")
    need = make_listing(asker, make_org(asker, name="Ciné-village"), kind="need", category="skill",
                        skill_domain="legal", title="Un avis sur nos statuts", terms="free")
    html = _matches(client, need)
    assert "Coup de pouce" in html and "Relecture de vos statuts" in html
    assert "même domaine : Juridique" in html and "1 h donnée = 1 h reçue" in html
    assert "Groupement d&#39;employeurs de l&#39;Allier" in html or "Groupement d'employeurs de l'Allier" in html


def test_a_workshop_to_come_answers_a_need_with_its_words_and_says_when(client, people):
    day = (datetime.now(PARIS) + timedelta(days=5)).date()
    workshops.create_workshop(people["juriste"], people["groupement"], {
        "skill": "funding", "title": "Rédiger sa demande de subvention", "description": "Avec vos dossiers.",
        "day": day, "start": time(14), "end": time(16), "place": "Maison des associations", "commune_code": None,
        "video_url": "", "capacity": 6, "notice_hours": 24})
    db.session.commit()
    asker = make_user("jardin@example.org", "Jules")
    need = make_listing(asker, make_org(asker, name="Jardin"), kind="need", category="skill",
                        title="Aide pour une demande de subvention", terms="free")
    html = _matches(client, need)
    assert "Atelier" in html and "Rédiger sa demande de subvention" in html and "en commun : demande, subvention<" in html
    other = make_listing(asker, asker.organizations[0], kind="need", category="skill", title="Un graphiste pour notre affiche",
                         terms="free")
    assert "Rédiger sa demande" not in _matches(client, other)
