"""Match scores (market/matching/rules.py): always within 0..1, never between two listings that cannot
meet, monotonic in text relevance and freshness, and blind to which of the two is asked about."""
import dataclasses
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from market import geo
from market.listings.models import CATEGORIES, KINDS, SKILL_DOMAINS, TERMS
from market.matching import rules
from tests.factories import CUSSET, GANNAT, VICHY

SETTINGS = settings(max_examples=100, deadline=None, database=None)
NOW = datetime(2030, 6, 1, 12, tzinfo=timezone.utc)
WORDS = ["sono", "micro", "chaise", "table", "salle", "juriste", "comptable", "conduite", "accueil", "graphisme",
         "videoprojecteur", "barnum", "vaisselle", "informatique", "statut"]
CODES = [VICHY, CUSSET, GANNAT, "63113", "75056", ""]  # nearby, Clermont-Ferrand, Paris, unknown
idfs = st.builds(rules.Idf, documents=st.integers(0, 5000),
                 frequency=st.dictionaries(st.sampled_from(WORDS), st.integers(0, 5000), max_size=len(WORDS)))


@st.composite
def facts(draw, **fixed):
    code = draw(st.sampled_from(CODES))
    words = draw(st.frozensets(st.sampled_from(WORDS), max_size=6))
    keys = draw(st.frozensets(st.sampled_from(sorted(words)), max_size=3)) if words else frozenset()
    start = draw(st.one_of(st.none(), st.dates(date(2030, 1, 1), date(2031, 1, 1))))
    values = dict(
        id=draw(st.integers(1, 1000)), kind=draw(st.sampled_from(KINDS)), category=draw(st.sampled_from(CATEGORIES)),
        owner=draw(st.sampled_from(["org:1", "org:2", "user:3", "user:4"])), words=words, keys=keys,
        terms=draw(st.sampled_from(TERMS)), price_cents=draw(st.one_of(st.none(), st.integers(0, 10**6))),
        skill_domain=draw(st.one_of(st.none(), st.sampled_from(SKILL_DOMAINS))), remote=draw(st.one_of(st.none(), st.booleans())),
        commune=geo.get(code) if code else None, commune_code=code,
        radius_km=draw(st.one_of(st.none(), st.integers(1, 200))), available_from=start,
        available_until=draw(st.one_of(st.none(), st.just(start + timedelta(days=draw(st.integers(0, 60)))) if start else st.none(),
                                       st.dates(date(2030, 1, 1), date(2031, 1, 1)))),
        published_at=NOW - timedelta(days=draw(st.integers(0, 400))),
        capacity=draw(st.one_of(st.none(), st.integers(1, 500))),
        spelt=tuple((w, w) for w in sorted(keys)))
    values.update(fixed)
    return rules.Facts(**values)


@st.composite
def pairs(draw, **fixed):
    """Two listings that could meet: a need and an offer of one category, different owners."""
    a = draw(facts(**fixed))
    b = draw(facts(kind="offer" if a.kind == "need" else "need", **{"category": a.category, **fixed}))
    return a, dataclasses.replace(b, owner="org:99", id=a.id + 1)


@SETTINGS
@given(a=facts(), b=facts(), idf=idfs)
def test_a_score_is_none_or_between_0_and_1(a, b, idf):
    match = rules.score(a, b, NOW, idf)
    if not rules.complementary(a, b):
        assert match is None
    if match is not None:
        assert 0.0 <= match.score <= 1.0 and round(match.score, 3) == match.score
        assert all(str(reason) for reason in match.reasons)


@SETTINGS
@given(pair=pairs(category="equipment"), idf=idfs, word=st.sampled_from(WORDS))
def test_a_title_word_the_need_asks_for_never_lowers_the_score(pair, idf, word):
    """The offer names one more word of the need in its title: it answers it at least as well."""
    a, b = pair
    need, offer = (a, b) if a.kind == "need" else (b, a)
    need = dataclasses.replace(need, words=need.words | {word})
    better = dataclasses.replace(offer, words=offer.words | {word}, keys=offer.keys | {word},
                                 spelt=tuple(sorted(set(offer.spelt) | {(word, word)})))
    first, second = rules.score(need, offer, NOW, idf), rules.score(need, better, NOW, idf)
    if first is not None:
        assert second is not None and first.score <= second.score + 0.001


@SETTINGS
@given(pair=pairs(), idf=idfs, older=st.integers(1, 400))
def test_an_older_listing_never_scores_higher(pair, idf, older):
    a, b = pair
    stale = dataclasses.replace(b, published_at=b.published_at - timedelta(days=older))
    fresh_match, stale_match = rules.score(a, b, NOW, idf), rules.score(a, stale, NOW, idf)
    if fresh_match is not None:
        assert stale_match is not None and stale_match.score <= fresh_match.score + 0.001


@SETTINGS
@given(pair=pairs(radius_km=None, published_at=NOW - timedelta(days=3)), idf=idfs)
def test_the_score_does_not_depend_on_which_listing_is_asked_about(pair, idf):
    """Either may be the need: with the same age and no personal radius, a→b and b→a agree."""
    a, b = pair
    there, back = rules.score(a, b, NOW, idf), rules.score(b, a, NOW, idf)
    assert (there is None) == (back is None)
    if there is not None:
        assert abs(there.score - back.score) <= 0.001


@SETTINGS
@given(a=facts())
def test_a_listing_never_matches_itself_or_its_owner(a):
    twin = dataclasses.replace(a, kind="offer" if a.kind == "need" else "need", id=a.id + 1)
    assert rules.score(a, a, NOW) is None and rules.score(a, twin, NOW) is None
