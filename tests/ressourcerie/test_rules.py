"""Pure rules: weights, quantities, CO₂e factors, and impact sums that add up on every axis."""
import pytest
from hypothesis import given, strategies as st

from market.ressourcerie import rules


def test_an_unweighed_item_gets_its_category_estimate_and_says_so():
    assert rules.unit_weight_g("informatique", None) == (2500, False)
    assert rules.unit_weight_g("mobilier", 6400) == (6400, True)
    assert rules.unit_weight_g("inconnue", None) == (1000, False)


@pytest.mark.parametrize("requested, total, maximum, refusal", [
    (0, 12, None, "too_few"), (1, 12, None, None), (12, 12, None, None), (13, 12, None, "over_total"),
    (5, 12, 4, "over_max"), (4, 12, 4, None)])
def test_quantity_refusal(requested, total, maximum, refusal):
    assert rules.quantity_refusal(requested, total, maximum) == refusal


def test_every_category_has_a_factor_with_its_source_and_year():
    assert set(rules.CO2E_FACTORS) == set(rules.CATEGORIES) == set(rules.DEFAULT_UNIT_WEIGHT_G)
    for tenths, source in rules.CO2E_FACTORS.values():
        assert tenths > 0 and "ADEME" in source and any(ch.isdigit() for ch in source[-4:])


def test_co2e_is_the_factor_times_the_kilos_and_a_correction_subtracts():
    assert rules.co2e_g("informatique", 10_000) == 600_000  # 10 kg × 60 kg CO₂e/kg
    assert rules.co2e_g("informatique", -2500) == -150_000


ENTRY = st.fixed_dictionaries({
    "category": st.sampled_from(rules.CATEGORIES), "month": st.sampled_from(["2026-11", "2026-12"]),
    "giver": st.sampled_from(["Mutuelle", "École"]), "receiver": st.sampled_from(["AMAP", "Jardin", "SEL"]),
    "quantity": st.integers(-3, 20), "weight_g": st.integers(-10_000, 200_000)})


@given(st.lists(ENTRY, max_size=30))
def test_impact_sums_add_up_to_the_total_on_every_axis(entries):
    sums = rules.impact(entries)
    for axis in ("category", "month", "giver", "receiver"):
        assert sum(t.items for t in sums[axis].values()) == sums["total"].items
        assert sum(t.weight_g for t in sums[axis].values()) == sums["total"].weight_g
        assert sum(t.co2e_g for t in sums[axis].values()) == sums["total"].co2e_g


def test_kilos_in_french():
    assert rules.kilos(22_500) == "22,5" and rules.kilos(0) == "0,0"
