"""Who in the waiting list is served by freed places: in line order, never more than is free."""
from hypothesis import given, strategies as st

from market.places import rules

waiting_lists = st.lists(st.integers(min_value=1, max_value=20), max_size=30).map(
    lambda quantities: list(enumerate(quantities, start=1)))


@given(waiting_lists, st.integers(min_value=0, max_value=60))
def test_the_offered_never_exceed_the_free_places_and_keep_the_line_order(waiting, free_places):
    chosen = rules.offer_order(waiting, free_places)
    wanted = dict(waiting)
    assert sum(wanted[i] for i in chosen) <= free_places
    assert chosen == sorted(chosen)
    # nobody skipped could have been served with what was left when their turn came
    left = free_places
    for hold_id, quantity in waiting:
        if hold_id in chosen:
            left -= quantity
        else:
            assert quantity > left


def test_fits_and_free():
    assert rules.fits(5, 3, 2) and not rules.fits(5, 3, 3) and not rules.fits(5, 0, 0)
    assert rules.free(5, 3) == 2 and rules.free(2, 3) == 0
