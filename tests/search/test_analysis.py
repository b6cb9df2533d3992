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


TRICKY = ("Salles de RÉUNION à l'AMAP — Œuvre, ÆSIR, 3×3 m, compta / comptabilité d'été ; l'association "
          "aujourd'hui, sono-vidéo, Saint-Pourçain, İzmir, straße, ﬁn, x, 42, des étés, 7, 007, 03200, 2026, "
          "٣٤, ²")


def test_the_indexed_words_are_those_of_the_analyzer():
    """The index memoises the analysis per word: a listing is found by exactly the words the analyzer gives."""
    from collections import Counter
    from market.search.schema import make_schema
    schema = make_schema()
    for name in ("text", "strong", "spell"):
        field = schema[name]
        expected = Counter(t.text for t in field.analyzer(TRICKY))
        indexed = {text.decode(): freq for text, freq, _weight, _value in field.index(TRICKY)}
        assert indexed == dict(expected), name


def test_ids_are_indexed_as_whoosh_indexes_them():
    """The quick id fields (no tokenizer) give the postings of whoosh's own ID field."""
    from whoosh.fields import ID
    from market.search.schema import make_schema
    schema = make_schema()
    for name in ("id", "org_id", "author_id"):
        for value in ("", "7", "12345", "Ab C"):
            assert list(schema[name].index(value)) == list(ID().index(value)), (name, value)


def test_highlighting_marks_the_same_words_as_the_analyzer():
    from whoosh.highlight import highlight
    from market.search import snippets
    from market.search.analysis import french_analyzer
    from market.search.query import highlight_terms
    for query in ("reunion", "comptabilité", "izmir", "sono video", "association", "pourcain", "fin"):
        words = highlight_terms(query)
        expected = highlight(TRICKY, words, french_analyzer(), snippets._FRAGMENTER, snippets._FORMATTER, top=1)
        assert str(snippets.snippet(TRICKY, words, top=1)) == expected and "<mark>" in expected, query
