"""The analysed words kept with each listing: the same facts as analysing again, never stale."""
import os
import subprocess
import sys

import sqlalchemy as sa

from market.extensions import db
from market.listings.models import Listing
from market.listings.services import update_listing
from market.matching import terms
from market.matching.candidates import candidate_rows, facts, facts_of
from market.matching.queries import suggestions
from market.moderation.services import approve_listing
from tests.factories import CUSSET, VICHY, make_coordinator, make_listing
from tests.matching.conftest import make_volunteer, org_with_admin


def _stored(listing):
    return db.session.scalar(sa.select(Listing.match_terms).where(Listing.id == listing.id))


def _facts_read_by_a_ranking(source, listing):
    rows = candidate_rows(facts_of(source), [listing.id])
    assert rows and rows[0][-3] == _stored(listing)  # the stored words are what the ranking reads
    facts.cache_clear()
    return facts(rows[0])


def test_the_stored_words_give_the_same_facts_as_analysing_again_skills_included():
    admin, org = org_with_admin("festival", "Festival des Sources", VICHY)
    need = make_listing(admin, org, kind="need", category="volunteering", title="Chauffeur pour la navette",
                        tags="conduite; accueil", terms="free", description="Conduire le minibus, samedi.")
    volunteer = make_volunteer("sacha@example.org", CUSSET, skills="conduite de minibus; buvette; micro")
    offer = make_listing(volunteer, None, kind="offer", category="volunteering", terms="free",
                         title="Disponible le week-end", tags="chauffeur-livreur",
                         description="Permis D, je peux tenir une buvette ou la sono.")
    approve_listing(make_coordinator(), offer)
    assert terms.unpack(_stored(offer), offer.title, offer.tags, offer.description) is not None
    read = _facts_read_by_a_ranking(need, offer)
    assert read == facts_of(offer)  # facts_of analyses the listing again, with its author's skills
    assert "@conduite" in read.keys and dict(read.spelt)["chauffeur"] == "chauffeur-livreur"
    assert "@minibus" in read.types and "@buvette" in read.keys  # the profile's skills, as more tags
    assert [s.listing.id for s in suggestions(need)] == [offer.id]


def test_an_edit_writes_them_again_and_words_changed_behind_the_orm_are_analysed_again(runner):
    admin, org = org_with_admin("amap", "AMAP du Sichon", CUSSET)
    need = make_listing(admin, org, kind="need", category="equipment", title="Un barnum pour la fête",
                        tags="barnum", terms="loan")
    _, lender = org_with_admin("ge", "Groupement Mutualis", VICHY)
    offer = make_listing(lender.admins()[0], lender, kind="offer", category="equipment", terms="loan",
                         title="Vidéoprojecteur", tags="projecteur", commune_code=VICHY)
    assert suggestions(need) == []
    update_listing(lender.admins()[0], offer, {"title": "Tonnelle 3 x 3 m", "tags": "tonnelle"})
    db.session.commit()
    assert "@barnum" in terms.unpack(_stored(offer), offer.title, offer.tags, offer.description)["keys"]
    assert [s.listing.id for s in suggestions(need)] == [offer.id]  # a tonnelle is a barnum
    db.session.execute(sa.update(Listing).where(Listing.id == offer.id)  # no ORM event: the words stay old
                       .values(title="Vidéoprojecteur", tags="projecteur"))
    db.session.commit()
    db.session.expire_all()
    assert terms.unpack(_stored(offer), "Vidéoprojecteur", "projecteur", offer.description) is None
    assert suggestions(need) == []  # stale words are not used
    updated_at = offer.updated_at
    result = runner.invoke(args=["market", "match-terms"])
    assert "1 annonce(s) analysée(s)" in result.output
    db.session.expire_all()
    assert terms.unpack(_stored(offer), offer.title, offer.tags, offer.description) is not None
    assert offer.updated_at == updated_at  # analysing is no edit
    assert "0 annonce(s)" in runner.invoke(args=["market", "match-terms"]).output


def test_every_process_agrees_on_the_analysis_version():
    """Workers, commands and servers must recognise each other's stored words (the types and synonyms
    are read into sets: their order changes from one process to the next)."""
    code = "from market.matching.terms import analysis_version; print(analysis_version().hex())"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert found == {terms.analysis_version().hex()}
