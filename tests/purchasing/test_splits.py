"""The one split rule (largest remainder): parts add up to the whole, never negative, equal weights within a cent."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from market.purchasing import rules
from market.splits import equal_split, largest_remainder

SETTINGS = settings(max_examples=500, deadline=None, database=None)


@SETTINGS
@given(total=st.integers(0, 10**9), weights=st.lists(st.integers(0, 10**6), min_size=1, max_size=40))
def test_parts_add_up_to_the_whole_and_none_is_negative(total, weights):
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    assert len(parts) == len(weights)
    assert all(p >= 0 for p in parts)
    if sum(weights):
        assert all(p == 0 for p, w in zip(parts, weights) if w == 0)
        exact = [total * w / sum(weights) for w in weights]
        assert all(abs(p - e) < 1 for p, e in zip(parts, exact))  # never a cent further than the exact share


@SETTINGS
@given(total=st.integers(0, 10**9), count=st.integers(1, 60))
def test_equal_weights_differ_by_at_most_one_cent(total, count):
    parts = equal_split(total, count)
    assert sum(parts) == total and max(parts) - min(parts) <= 1


@SETTINGS
@given(tiers=st.lists(st.tuples(st.integers(2, 5000), st.integers(0, 100_000)), max_size=5, unique_by=lambda t: t[0]),
       first_price=st.integers(0, 100_000), fixed=st.integers(0, 10**7), rule=st.sampled_from(rules.SPLIT_RULES),
       quantities=st.lists(st.integers(1, 10_000), min_size=1, max_size=30))
def test_members_amounts_add_up_to_the_supplier_total_for_random_groups(tiers, first_price, fixed, rule, quantities):
    tiers = [rules.Tier(1, first_price)] + [rules.Tier(m, p) for m, p in tiers]
    lines = rules.order_lines(tiers, fixed, rule, dict(enumerate(quantities)))
    assert sum(line.total_cents for line in lines) == rules.supplier_total(tiers, fixed, sum(quantities))
    assert all(line.fixed_share_cents >= 0 for line in lines)


def test_ties_go_to_the_earlier_part_and_bad_input_is_refused():
    assert largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert largest_remainder(5, [0, 0]) == [3, 2]
    assert largest_remainder(0, []) == []
    for args in ((-1, [1]), (1, [-1]), (1, [])):
        with pytest.raises(ValueError):
            largest_remainder(*args)
