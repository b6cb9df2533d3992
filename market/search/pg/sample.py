"""Counts estimated from a sample when a search's words match so many listings that counting each
would take more than the search's budget (10,000 listings: ~50 ms; a national network's million
listings: 245,000 of them match "fête musique", half a second). The totals and facets are then
estimates, shown as such ("environ"), as search engines do for large result sets; the page itself
stays exact, and the pages reach the first MAX_RESULTS results. Browsing without words, the same
from a larger table (a listing counted from an index alone costs less).

The sample is the listings whose id is a multiple of the rate, with partial indexes of their own
(migration 0020): PostgreSQL reads 1/rate of the matches. Reading a page needs the exact size of
every relevance tier before it. A tier seen often in the sample is far larger than the pages can
reach; the rarer tiers above them (listings with more of the words in their title or tags) are
counted exactly through the index of the titles' and tags' words.
"""
import sqlalchemy as sa


# (one listing in `rate` counted, from this many expected matches: 625 or more of them in the
# sample, ~4 % off; below, an exact count reads up to 10,000 listings, ~50 ms at a million). Each
# rate has its partial indexes (migration 0020, named in schema.py): a new rate needs its migration.
RATES = ((64, 128_000), (16, 10_000))
BROWSE_COST = 32  # browsing reads a public listing from an index alone: sampled from 320,000 listings
MAX_RESULTS = 1_000  # the pages of estimated results reach this far
MIN_SAMPLED = 100  # fewer sampled listings passing every filter: a narrow filter, counted exactly
MAX_GROUPS = 6  # more words: counted exactly (the tiers' conditions would combine too many of them)


def rate_for(expected_matches: int, groups: int) -> int | None:
    """One listing in how many to count, or None to count them all."""
    if groups > MAX_GROUPS:
        return None
    return next((rate for rate, fewest in RATES if expected_matches >= fewest), None)


def condition(rate: int):
    """The sampled listings, written as the partial indexes' predicate (a bound value would hide it)."""
    return sa.text(f"listings.id % {int(rate)} = 0")


def seen_enough(sampled: int, rate: int) -> bool:
    """Whether a tier this often in the sample is surely longer than the reachable pages: its
    estimate four times MAX_RESULTS (a tier of MAX_RESULTS listings reaches it about never)."""
    return sampled * rate >= 4 * MAX_RESULTS


def settle_tiers(sampled: dict, rate: int, top: int, count_exactly) -> dict:
    """{relevance score: listings}: estimated from the `sampled` counts, except the tiers before
    the reachable pages' end not seen often enough, counted by `count_exactly(score)`. The lowest
    score (0) comes last: nothing after it needs its exact size."""
    out, before = {}, 0
    for score in range(top, -1, -1):
        seen = sampled.get(score, 0)
        if before >= MAX_RESULTS or score == 0 or seen_enough(seen, rate):
            size = seen * rate
        else:
            size = count_exactly(score)
        if size:
            out[score], before = size, before + size
    return out


def scale(counts, rate: int, tiers: dict) -> None:
    """The sample's counts as estimates of the whole (in place), with the settled `tiers`."""
    counts.matched *= rate
    counts.facets = {facet: {value: n * rate for value, n in values.items()} for facet, values in counts.facets.items()}
    counts.tiers, counts.total, counts.estimated = tiers, sum(tiers.values()), True
