"""The labelled evaluation set: matching must not get worse than the last committed figures."""
from bench import matching_quality
from tests.matching import evalset


def test_the_set_is_big_enough_and_in_the_networks_words():
    assert evalset.pairs() >= 60 and len(evalset.NEEDS) >= 50
    assert sum(bool(need[8]) for need in evalset.NEEDS.values()) >= 20  # hard negatives


def test_top3_figures_do_not_fall_below_the_last_committed_ones():
    figures = matching_quality.measure(matching_quality.load())
    last = matching_quality.committed()
    assert figures["hit_at_3"] >= last["hit_at_3"], figures["top3"]
    assert figures["precision_at_3"] >= last["precision_at_3"], figures["top3"]
    assert figures["hard_negatives_at_3"] <= last["hard_negatives_at_3"], figures["top3"]


def test_the_issues_examples_give_what_a_coordinator_would_suggest():
    listings = matching_quality.load()
    from market.matching.queries import suggestions
    top = {key: [s.listing.id for s in suggestions(listings[key], limit=3)] for key in
           ("n_ordis", "n_graphisme", "n_juriste", "n_chauffeur")}
    assert listings["sono"].id not in top["n_ordis"] and listings["ordis"].id in top["n_ordis"]
    assert top["n_graphisme"] == [listings["graphiste"].id]  # not the braille transcription
    assert set(top["n_juriste"]) == {listings["juriste_payant"].id, listings["juriste_payant2"].id}
    assert top["n_chauffeur"][0] == listings["chauffeur_benevole"].id  # the driver first
    reasons = [str(r) for r in suggestions(listings["n_juriste"], limit=1)[0].reasons]
    assert reasons[0] == "même domaine : juridique" and any(r.startswith("payant : ") for r in reasons)
