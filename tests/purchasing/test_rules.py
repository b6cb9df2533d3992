"""The pure rules: the tier for a total at its boundaries, the next tier, estimates, the outcome at the deadline."""
import pytest

from market.purchasing import rules
from market.purchasing.rules import Tier

TIERS = [Tier(1, 420), Tier(100, 380), Tier(500, 340)]


@pytest.mark.parametrize("total, price", [(0, 420), (1, 420), (99, 420), (100, 380), (101, 380),
                                          (499, 380), (500, 340), (10_000, 340)])
def test_the_tier_for_a_total_at_its_boundaries(total, price):
    assert rules.tier_for(TIERS, total).unit_price_cents == price


def test_tiers_given_in_any_order_give_the_same_tier():
    assert rules.tier_for(list(reversed(TIERS)), 100) == Tier(100, 380)


@pytest.mark.parametrize("total, expected", [(0, (Tier(100, 380), 100)), (99, (Tier(100, 380), 1)),
                                             (100, (Tier(500, 340), 400)), (500, None)])
def test_how_many_more_units_unlock_the_next_tier(total, expected):
    assert rules.next_tier(TIERS, total) == expected


def test_tier_rose_only_when_the_price_falls():
    assert rules.tier_rose(TIERS, 99, 100) == Tier(100, 380)
    assert rules.tier_rose(TIERS, 99, 600) == Tier(500, 340)
    assert rules.tier_rose(TIERS, 100, 150) is None
    assert rules.tier_rose(TIERS, 120, 80) is None  # someone withdrew: no "good news" notice


@pytest.mark.parametrize("tiers, problems", [
    ([], ["no_tier"]), ([Tier(2, 100)], ["first_not_one"]), ([Tier(1, 100), Tier(1, 90)], ["duplicate_min"]),
    ([Tier(1, 100), Tier(10, 100)], ["price_not_falling"]), (TIERS, [])])
def test_tier_problems(tiers, problems):
    assert rules.tier_problems(tiers) == problems


def test_estimate_and_saving_against_the_first_tier():
    assert rules.estimate(TIERS, 100, 40) == {"cost_cents": 40 * 380, "saving_cents": 40 * 40}
    assert rules.group_saving(TIERS, 100) == 100 * 40


def test_done_means_four_associations_add_up_to_the_supplier_total():
    lines = rules.order_lines(TIERS, 4000, "quantity", {"a": 40, "b": 35, "c": 24, "d": 1})
    assert [line.unit_price_cents for line in lines] == [380] * 4
    assert [line.fixed_share_cents for line in lines] == [1600, 1400, 960, 40]
    assert sum(line.total_cents for line in lines) == rules.supplier_total(TIERS, 4000, 100) == 100 * 380 + 4000


def test_equal_split_of_fixed_costs():
    lines = rules.order_lines(TIERS, 1000, "equal", {"a": 40, "b": 35, "c": 24})
    assert [line.fixed_share_cents for line in lines] == [334, 333, 333]


@pytest.mark.parametrize("total, minimum, extended, outcome", [
    (100, 50, False, "confirmed"), (50, 50, False, "confirmed"), (49, 50, False, "short"),
    (49, 50, True, "cancelled"), (0, 1, False, "short")])
def test_outcome_at_the_deadline(total, minimum, extended, outcome):
    assert rules.outcome_at_deadline(total, minimum, extended) == outcome


def test_a_group_never_totals_more_than_ten_million_euros():
    assert rules.unit_cap(TIERS, 4000) == (10**9 - 4000) // 420
    assert rules.unit_cap([Tier(1, 0)], 0) is None
    assert rules.supplier_total(TIERS, 4000, rules.unit_cap(TIERS, 4000)) <= rules.MAX_ORDER_CENTS


@pytest.mark.parametrize("count, unit, shown", [
    (1, "ramette de 500 feuilles", "ramette de 500 feuilles"), (0, "ballon", "ballon"),
    (40, "ramette de 500 feuilles", "ramettes de 500 feuilles"), (6, "ballon", "ballons"),
    (3, "lot de 10", "lots de 10"), (2, "panneau", "panneaux"), (2, "journal", "journaux"),
    (5, "kg", "kg"), (12, "m²", "m²"), (4, "licences", "licences"), (2, "prix fixe", "prix fixe"), (3, "", "")])
def test_units_take_the_french_plural_of_their_first_word(count, unit, shown):
    from market.purchasing.labels import unit_for
    assert unit_for(count, unit) == shown
