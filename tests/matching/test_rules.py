"""The score function: what makes a good match, in plain French, and what never matches."""
from datetime import date, datetime, timedelta, timezone

from market import geo
from market.matching.rules import ALERT_THRESHOLD, WEIGHTS, Facts, facts_words, score
from market.matching.text import overlap, stem, tokens

NOW = datetime(2025, 6, 2, 9, tzinfo=timezone.utc)
VICHY, CUSSET, MOULINS, ARRONNES = "03310", "03095", "03190", "03008"


def facts(id, kind, title, tags="", description="", category="skill", commune=VICHY, owner=None, **values):
    words, keys, spelt = facts_words(title, tags, description)
    values.setdefault("published_at", NOW - timedelta(days=2))
    return Facts(id=id, kind=kind, category=category, owner=owner or f"org:{id}", words=words, keys=keys,
                 spelt=spelt, commune=geo.get(commune), commune_code=commune, **values)


NEED = facts(1, "need", "Un juriste pour relire nos statuts", terms="free")


def reasons(match):
    return [str(r) for r in match.reasons]


def test_weights_sum_to_one_so_scores_stay_between_0_and_1():
    assert abs(sum(WEIGHTS.values()) - 1.0) < 1e-9


def test_french_normalisation_folds_accents_plurals_and_stop_words():
    assert tokens("Les STATUTS de l'Association, règlement intérieur") == {"statut", "reglement", "interieur"}
    assert stem("chevaux") == "cheval" and stem("tables") == "table" and stem("bus") == "bus"
    assert tokens("chauffeur") == tokens("conduite")  # the same need said two ways


def test_same_domain_offer_nearby_and_free_scores_high_with_reasons():
    offer = facts(2, "offer", "Juriste pour vos statuts et règlement", "juriste; statuts", terms="free",
                  skill_domain="legal", commune=CUSSET)
    match = score(NEED, offer, NOW)
    assert match.score >= ALERT_THRESHOLD
    assert reasons(match) == ["même domaine : juridique", "gratuit", "à 4 km"]


def test_a_domain_chosen_on_the_listing_wins_over_the_words():
    offer = facts(2, "offer", "Accompagnement des associations", skill_domain="legal", terms="free")
    other = facts(3, "offer", "Accompagnement des associations", skill_domain="accounting", terms="free")
    assert score(NEED, offer, NOW).score > (score(NEED, other, NOW) or score(NEED, offer, NOW)).score - 1
    assert score(NEED, other, NOW) is None  # not the same domain and no shared words: not an answer


def test_same_commune_is_0_km_even_without_coordinates():
    need = facts(1, "need", "Un juriste pour relire nos statuts", commune=ARRONNES)
    offer = facts(2, "offer", "Juriste statuts", commune=ARRONNES, terms="free")
    match = score(need, offer, NOW)
    assert match.distance_km == 0 and "dans la même commune" in reasons(match)


def test_unknown_distance_is_neutral_and_not_mentioned():
    known = facts(2, "offer", "Juriste statuts", commune=CUSSET, terms="free")
    unknown = facts(3, "offer", "Juriste statuts", commune=ARRONNES, terms="free")
    match = score(NEED, unknown, NOW)
    assert match is not None and match.distance_km is None
    assert not any("km" in r for r in reasons(match))
    assert score(NEED, known, NOW).score > match.score  # 4 km known beats "somewhere"


def test_beyond_the_radius_does_not_match_unless_done_at_a_distance():
    chairs = facts(1, "need", "Chaises pliantes", category="equipment", terms="loan")
    far = facts(2, "offer", "Chaises pliantes", category="equipment", commune=MOULINS, terms="loan")
    assert score(chairs, far, NOW) is None  # 50 km for chairs: no
    remote = facts(3, "offer", "Juriste statuts", commune=MOULINS, terms="free", remote=True, radius_km=None)
    near_radius = facts(4, "need", "Juriste statuts", terms="free", radius_km=20)
    match = score(near_radius, remote, NOW)
    assert match is not None and "à distance possible" in reasons(match)


def test_a_volunteers_own_radius_applies():
    need = facts(1, "need", "Accueil du public au festival", category="volunteering")
    volunteer = facts(2, "offer", "Bénévole pour l'accueil", category="volunteering", owner="user:9",
                      commune=MOULINS, radius_km=60)
    assert score(need, volunteer, NOW) is not None
    homebody = facts(3, "offer", "Bénévole pour l'accueil", category="volunteering", owner="user:8",
                     commune=MOULINS, radius_km=20)
    assert score(need, homebody, NOW) is None


def test_dates_must_overlap_when_both_are_given():
    need = facts(1, "need", "Vidéoprojecteur", category="equipment", terms="loan",
                 available_from=date(2025, 6, 10), available_until=date(2025, 6, 12))
    fits = facts(2, "offer", "Vidéoprojecteur", category="equipment", terms="loan",
                 available_from=date(2025, 6, 1), available_until=date(2025, 6, 30))
    too_late = facts(3, "offer", "Vidéoprojecteur", category="equipment", terms="loan",
                     available_from=date(2025, 7, 1))
    assert "disponible aux dates demandées" in reasons(score(need, fits, NOW))
    assert score(need, too_late, NOW) is None


def test_a_free_loan_need_does_not_match_a_sale_but_a_purchase_need_accepts_a_gift():
    loan_need = facts(1, "need", "Tables pliantes", category="equipment", terms="loan")
    for_sale = facts(2, "offer", "Tables pliantes", category="equipment", terms="sale", price_cents=2000)
    assert score(loan_need, for_sale, NOW) is None
    buy_need = facts(3, "need", "Tables pliantes", category="equipment", terms="sale", price_cents=5000)
    gift = facts(4, "offer", "Tables pliantes", category="equipment", terms="free")
    assert "gratuit" in reasons(score(buy_need, gift, NOW))
    assert "dans le budget" in reasons(score(buy_need, for_sale, NOW))


def test_fresher_listings_come_first_all_else_equal():
    old = facts(2, "offer", "Juriste statuts", terms="free", published_at=NOW - timedelta(days=90))
    new = facts(3, "offer", "Juriste statuts", terms="free", published_at=NOW - timedelta(days=1))
    assert score(NEED, new, NOW).score > score(NEED, old, NOW).score


def test_never_matches_the_same_kind_another_category_or_the_owners_own_listing():
    assert score(NEED, facts(2, "need", "Juriste statuts"), NOW) is None
    assert score(NEED, facts(3, "offer", "Juriste statuts", category="premises"), NOW) is None
    assert score(NEED, facts(4, "offer", "Juriste statuts", owner="org:1", terms="free"), NOW) is None


def test_different_things_do_not_match_just_because_they_are_close():
    need = facts(1, "need", "Chaises pliantes", category="equipment", terms="loan")
    projector = facts(2, "offer", "Vidéoprojecteur HD", category="equipment", terms="loan", commune=VICHY)
    assert score(need, projector, NOW) is None


def test_equipment_of_the_same_type_says_so_with_accents():
    need = facts(1, "need", "Un vidéoprojecteur pour samedi", category="equipment", terms="loan")
    offer = facts(2, "offer", "Vidéoprojecteur full HD et écran", category="equipment", terms="loan")
    assert reasons(score(need, offer, NOW))[0] == "même type : vidéoprojecteur"


def test_overlap_counts_title_words_double():
    words, keys, _ = facts_words("Sono portable", "", "livrée avec câble")
    title_hit = overlap(words, keys, tokens("sono"), frozenset())
    description_hit = overlap(words, keys, tokens("cable"), frozenset())
    assert title_hit > description_hit > 0
