"""The French analysis: what people type without accents, in the plural, or abbreviated, meets the listing's words."""
import pytest

from market.search.analysis import fold, load_synonyms, terms
from market.search.query import word_groups


@pytest.mark.parametrize("typed, written", [
    ("benevoles", "bénévoles"), ("salles reunion", "salle de réunion"), ("ordinateur", "ordinateurs"),
    ("COMPTABILITE", "comptabilité"), ("oeuvre", "œuvre"), ("l'association", "associations"),
])
def test_spellings_people_type_meet_the_written_words(typed, written):
    assert terms(typed) == terms(written)


def test_french_stop_words_do_not_have_to_match():
    assert terms("une salle pour la réunion de l'AMAP à Gannat") == ["sall", "reunion", "amap", "gannat"]


def test_fold_removes_accents_and_ligatures():
    assert fold("Ébreuil Œuvre Saint-Pourçain") == "ebreuil oeuvre saint-pourcain"


def test_synonym_groups_come_from_the_editable_file():
    table = load_synonyms()
    assert ("sonoris",) in table[("sono",)]
    assert ("compta",) in table[("comptabilit",)]
    assert ("assemble", "general") in table[("ag",)]


def test_a_short_synonym_is_not_stemmed_into_another_word():
    # 'compta' must not become 'compt', which is also 'compte' (a bank account)
    assert terms("compta") == ["compta"]
    assert ("compt",) not in {alt for g in word_groups("compta") for alt in g}


def test_a_two_word_synonym_is_matched_as_a_whole():
    groups = word_groups("assemblée générale")
    assert len(groups) == 1 and ("ag",) in groups[0]
