"""PostgreSQL search estimates the counts of very common words from a sample (market/search/pg/sample.py):
the total and facets are shown as estimates, close to the truth; every page offered holds the same
listings, in the same order, as when every match is counted (the best listings first even when the
sample saw none of them); the pages stop at the first results; a narrow filter is counted exactly."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.search.pg import pages, sample
from market.search.service import search_listings
from market.types import utcnow
from tests.factories import CUSSET, VICHY, make_listing, make_org, make_user

RATE = 4


@pytest.fixture
def corpus(search_backend, monkeypatch):
    """130 listings with "vélo cargo" in their description, 10 with "vélo" in the title too, and 3 with
    both words in the title whose ids the sample skips; one in five in another category, one in
    Cusset. Sampling from any count of matches, one listing in RATE, pages reaching 40 results."""
    if search_backend.backend != "postgres":
        pytest.skip("the sampled counts are the PostgreSQL backend's")
    user = make_user()
    org = make_org(user)
    now, rows = utcnow(), []
    for i in range(130):
        title = "Vélo de ville n°{}" if i % 13 == 0 else "Remorque n°{}"
        rows.append(make_listing(user, org, title=title.format(i), description="Pour vélo cargo", tags="atelier",
                                 category="premises" if i % 5 == 0 else "equipment",
                                 commune_code=CUSSET if i == 7 else VICHY))
        rows[-1].published_at = now - timedelta(hours=i)
    db.session.flush()
    best = [row for row in rows if row.id % RATE and row.category == "equipment" and "Remorque" in row.title][-3:]
    for row in best:  # the oldest: on the first page only by their relevance
        row.title = f"Vélo cargo n°{row.id}"
    db.session.commit()
    db.session.execute(sa.text("ANALYZE listings"))
    db.session.commit()
    monkeypatch.setitem(pages._TABLE, "at", -1e9)
    monkeypatch.setattr(pages, "SELECTIVE", 0)
    monkeypatch.setattr(sample, "RATES", ((RATE, 0),))
    monkeypatch.setattr(sample, "MIN_SAMPLED", 5)
    monkeypatch.setattr(sample, "MAX_RESULTS", 40)
    return {"best": [row.id for row in sorted(best, key=lambda row: row.published_at, reverse=True)], "rows": rows}


def _pages(filters, sort="relevance", per_page=7, last=12):
    results = [search_listings(filters, page=page, per_page=per_page, sort=sort) for page in range(1, last + 1)]
    return results, [listing.id for result in results for listing in result.items]


@pytest.mark.parametrize("sort", ["relevance", "newest", "expiring"])
def test_the_pages_of_an_estimated_search_are_those_of_the_exact_one_up_to_their_reach(app, corpus, monkeypatch,
                                                                                        sort):
    filters = {"q": "velo cargo", "category": "equipment"}
    estimated, estimated_ids = _pages(filters, sort)
    monkeypatch.setattr(sample, "RATES", ())
    exact, exact_ids = _pages(filters, sort)
    assert estimated[0].estimated and not exact[0].estimated
    assert exact[0].total == 104 and exact_ids[:40] == estimated_ids and len(estimated_ids) == 40
    assert not estimated[6].items and exact[6].items  # past the reach: nothing, not other listings
    if sort == "relevance":  # the three with both words in the title first, though the sample missed them
        assert estimated_ids[:3] == corpus["best"]
    assert abs(estimated[0].total - exact[0].total) <= 0.1 * exact[0].total
    for facet, values in exact[0].facets.items():
        for value, count in values.items():
            assert abs(estimated[0].facets[facet].get(value, 0) - count) <= max(0.15 * count, RATE), (facet, value)


def test_a_narrow_filter_is_counted_exactly(app, corpus):
    result = search_listings({"q": "velo cargo", "commune": "Cusset"}, sort="relevance")
    assert not result.estimated and result.total == 1


def test_the_browse_page_and_the_api_say_the_counts_are_estimates(app, client, corpus):
    page = client.get("/annonces/?q=velo+cargo&category=equipment")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Environ 100 annonces pour « velo cargo »" in html or "Environ 110 annonces" in html
    total = html.split("Environ ")[1].split(" annonces")[0]
    assert f"Matériel (environ {total})" in html and "page 1 sur 2" in html  # 20 a page, 40 reached
    last = client.get("/annonces/?q=velo+cargo&category=equipment&page=2").get_data(as_text=True)
    assert "Les pages s'arrêtent aux 40 premiers résultats" in last and 'rel="next"' not in last
    beyond = client.get("/annonces/?q=velo+cargo&category=equipment&page=3").get_data(as_text=True)
    assert "Les pages s'arrêtent aux 40 premiers résultats" in beyond and "Revenir à la page 2" in beyond
    assert "Aucune annonce ne correspond" not in beyond
    body = client.get("/api/v1/listings?q=velo+cargo&category=equipment").get_json()
    assert body["estimated"] is True and 90 <= body["total"] <= 115
    assert client.get("/api/v1/listings?q=velo+cargo&commune=Cusset").get_json()["estimated"] is False


def test_browsing_a_large_table_estimates_its_counts_and_keeps_its_pages(app, client, corpus, monkeypatch):
    filters = {"category": "equipment"}
    estimated, estimated_ids = _pages(filters, "newest")
    monkeypatch.setattr(sample, "RATES", ())
    exact, exact_ids = _pages(filters, "newest")
    assert estimated[0].estimated and not exact[0].estimated and exact[0].total == 104
    assert exact_ids[:40] == estimated_ids and len(estimated_ids) == 40
    assert abs(estimated[0].total - exact[0].total) <= 0.1 * exact[0].total
    assert estimated[0].facets["category"]["equipment"] == estimated[0].total  # the value chosen reads the total
    monkeypatch.undo()
    monkeypatch.setattr(sample, "RATES", ((RATE, 0),))
    monkeypatch.setattr(sample, "MIN_SAMPLED", 5)
    html = client.get("/annonces/?category=equipment").get_data(as_text=True)
    assert "Environ 100 annonces</h2>" in html or "Environ 110 annonces</h2>" in html
