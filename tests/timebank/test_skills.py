"""The skills register: coordinators edit the referential, members declare, "Qui sait faire quoi ?" finds them
with the listings' French analysis (accents, plurals, synonyms)."""
import pytest

from market.extensions import db
from market.timebank import register, skills
from market.timebank.skill_models import SkillDeclaration
from tests.factories import make_org, make_user


def _declare(people):
    skills.declare(people["juriste"], people["groupement"], "legal", "expert", True, True, 240,
                   "Statuts d'association, contrats de travail.")
    skills.declare(people["actor"], people["theatre"], "accounting", "notions", False, True, None, "")
    skills.declare(people["outsider"], people["outsider"], "it", "practised", True, False, 120,
                   "Installer une imprimante, sauvegarder vos fichiers.")
    db.session.commit()


def _names(q="", skill="", mode=""):
    return sorted(e.name for e in register.search(q, skill, mode))


def test_who_knows_what_with_french_words(people):
    _declare(people)
    assert _names("STATUT") == ["Groupement d'employeurs de l'Allier"]  # case, plural
    assert _names("comptable") == ["Compagnie du Petit Théâtre"]  # a synonym of comptabilité
    assert _names("juridique Cusset") == ["Groupement d'employeurs de l'Allier"]  # skill and commune
    assert _names("imprimantes") == ["Odile Autre"]  # a volunteer's note
    assert _names("jardinage") == []
    assert _names(skill="accounting") == ["Compagnie du Petit Théâtre"]
    assert _names(mode="remote") == ["Groupement d'employeurs de l'Allier", "Odile Autre"]
    assert _names(mode="on_site") == ["Compagnie du Petit Théâtre", "Groupement d'employeurs de l'Allier"]


def test_declaring_again_updates_and_only_members_declare_for_their_organisation(people):
    _declare(people)
    skills.declare(people["colleague"], people["groupement"], "legal", "practised", True, False, None, "Contrats")
    db.session.commit()
    rows = skills.declarations_of(people["groupement"])
    assert [(d.skill.code, d.level, d.on_site) for d in rows] == [("legal", "practised", False)]
    with pytest.raises(skills.NotAllowed):
        skills.declare(people["outsider"], people["groupement"], "legal", "expert", True, True, None)
    db.session.rollback()
    with pytest.raises(skills.NotAllowed):
        skills.declare(people["outsider"], people["actor"], "legal", "expert", True, True, None)
    db.session.rollback()


def test_a_declaration_needs_a_known_skill_a_level_and_a_way_to_give(people):
    with pytest.raises(skills.FieldsRefused) as refused:
        skills.declare(people["juriste"], people["juriste"], "astrologie", "guru", False, False, 0)
    db.session.rollback()
    assert {name for name, _ in refused.value.by_field} == {"skill", "level", "remote", "hours_per_month"}
    assert db.session.scalar(db.select(db.func.count()).select_from(SkillDeclaration)) == 0


def test_unverified_organisations_and_retired_skills_are_not_shown(people):
    _declare(people)
    pending_admin = make_user("pending@example.org", "Pia Attente")
    pending = make_org(pending_admin, name="Association en attente", status="pending")
    skills.declare(pending_admin, pending, "legal", "expert", True, True, None, "statuts")
    db.session.commit()
    assert _names("statuts") == ["Groupement d'employeurs de l'Allier"]
    legal = skills.by_code("legal")
    skills.save_skill(people["coordinator"], legal, legal.label, active=False)
    db.session.commit()
    assert _names("statuts") == [] and "legal" not in dict(skills.choices())
    assert skills.labels()["legal"] == "Juridique"  # old coups de pouce keep their label


def test_coordinators_edit_the_referential(people, browser):
    coordinator = browser(people["coordinator"])
    response = coordinator.post("/coups-de-pouce/coordination/referentiel", data={
        "label": "Ressources humaines", "label_en": "Human resources", "description": "Recrutement, entretiens",
        "position": "", "active": "y"})
    assert response.status_code == 302
    added = skills.referential()[-1]
    assert (added.code, added.label) == ("ressources-humaines", "Ressources humaines")
    response = coordinator.post("/coups-de-pouce/coordination/referentiel", data={"label": "juridique", "active": "y"})
    assert "existe déjà" in response.get_data(as_text=True)
    assert browser(people["actor"]).post("/coups-de-pouce/coordination/referentiel",
                                         data={"label": "Magie", "active": "y"}).status_code == 403
    member = browser(people["actor"])
    response = member.post("/coups-de-pouce/mes-competences", data={
        "holder": f"org:{people['theatre'].id}", "skill": added.code, "level": "expert", "remote": "y",
        "hours_per_month": "1,5", "note": "Fiches de poste"})
    assert response.status_code == 302
    page = member.text("/coups-de-pouce/qui-sait-faire-quoi?q=recrutement")
    assert "Compagnie du Petit Théâtre" in page and "1 h 30 par mois" in page


def test_a_bad_declaration_keeps_what_was_typed(people, browser):
    member = browser(people["actor"])
    response = member.post("/coups-de-pouce/mes-competences", data={
        "holder": f"org:{people['theatre'].id}", "skill": "legal", "level": "expert",
        "hours_per_month": "beaucoup", "note": "Nos statuts de 1998"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nos statuts de 1998" in page and "Écrivez un nombre d'heures" in page
    response = member.post("/coups-de-pouce/mes-competences", data={
        "holder": f"org:{people['theatre'].id}", "skill": "legal", "level": "expert", "note": "Sans moyen"})
    assert "à distance, sur place, ou les deux" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(SkillDeclaration)) == 0
