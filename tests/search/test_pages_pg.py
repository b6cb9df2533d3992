"""PostgreSQL search reads a page after its counts, tier of relevance by tier, walking only the newest
listings when a tier is common (market/search/pg/pages.py): every page holds the same listings, in
the same order, as when every match is read, including when a tier is older than its share says,
and as when the counting statement takes the page itself (a selective search)."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.search.pg import pages
from market.search.service import search_listings
from market.types import utcnow
from tests.factories import make_listing, make_org, make_user

SHAPES = {2: ("Vélo cargo n°{}", "Caisse bois, freins neufs"),  # both words in the title
          1: ("Vélo de ville n°{}", "Se range dans un cargo"),  # one
          0: ("Remorque n°{}", "Pour vélo cargo")}  # the words in the description only


@pytest.fixture
def corpus(search_backend):
    """45 matching listings (a third with both words in the title, all of those older than the rest),
    one in five in another category, ending on 12 different days; 10 newer listings without the words."""
    if search_backend.backend != "postgres":
        pytest.skip("the page by tiers is the PostgreSQL backend's")
    user = make_user()
    org = make_org(user)
    now, rows = utcnow(), []
    for i in range(45):
        tier = i % 3
        title, description = SHAPES[tier]
        listing = make_listing(user, org, title=title.format(i), description=description, tags="atelier",
                               category="premises" if i % 5 == 0 else "equipment")
        listing.published_at = now - timedelta(days=300 if tier == 2 else 1, hours=i)
        listing.expires_at = now + timedelta(days=10 + i * 7 % 12)
        rows.append(listing)
    rows[14].published_at = rows[11].published_at  # the same date and tier: the newest id first
    for i in range(10):
        make_listing(user, org, title=f"Tente n°{i}", description="Quatre places", tags="camping")
    db.session.commit()
    db.session.execute(sa.text("ANALYZE listings"))
    db.session.commit()
    return [(i % 3, listing) for i, listing in enumerate(rows) if listing.category == "equipment"]


def _expected(corpus, q, sort):
    def key(row):
        tier, listing = row
        if q == "velo trottinette":  # no listing has both: any word, "velo" in the title first
            tier = min(tier, 1)
        if sort == "expiring":
            return (listing.expires_at, listing.id)
        return (-tier if sort == "relevance" else 0, -listing.published_at.timestamp(), -listing.id)
    return [listing.id for _tier, listing in sorted(corpus, key=key)]


def _every_page(q, sort, per_page=4):
    ids, page = [], 1
    while True:
        result = search_listings({"q": q, "category": "equipment"}, page=page, per_page=per_page, sort=sort)
        ids += [listing.id for listing in result.items]
        if page * per_page >= result.total:
            return result.total, ids
        page += 1


def _page_statements(run):
    """What `run()` returns, and its page statements: (walked the newest, read whole)."""
    seen = []

    def note(_conn, _cursor, statement, *_args):
        ordered = "ORDER BY listings.published_at DESC" in statement or "ORDER BY listings.expires_at ASC" in statement
        if statement.startswith("SELECT listings.id") and ordered:
            seen.append(statement)
    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        out = run()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
    walked = [s for s in seen if "published_at >=" in s or "expires_at <=" in s]
    return out, len(walked), len(seen) - len(walked)


@pytest.mark.parametrize("q, sort", [("velo cargo", "relevance"), ("velo cargo", "newest"),
                                     ("velo cargo", "expiring"), ("velo trottinette", "relevance")])
def test_every_page_walked_is_the_page_of_every_match(app, corpus, monkeypatch, q, sort):
    expected = (len(_expected(corpus, q, sort)), _expected(corpus, q, sort))
    monkeypatch.setitem(pages._TABLE, "at", -1e9)  # PostgreSQL's estimate of this test's table
    monkeypatch.setattr(pages, "SELECTIVE", 0)  # the page after the counts, however few the matches
    monkeypatch.setattr(pages, "MIN_DEPTH", 0)
    monkeypatch.setattr(pages, "WALK_COST", 0)  # walk whenever the table is estimated
    found, walked, _whole = _page_statements(lambda: _every_page(q, sort))
    assert found == expected and walked
    if sort == "relevance":  # walks too shallow for the old tier: it is read whole after them
        monkeypatch.setattr(pages, "SLACK", 0.2)
        found, walked, whole = _page_statements(lambda: _every_page(q, sort))
        assert found == expected and walked and whole
    monkeypatch.setattr(pages, "WALK_COST", 10 ** 9)  # every match read through the words' index
    found, walked, whole = _page_statements(lambda: _every_page(q, sort))
    assert found == expected and not walked and whole
    monkeypatch.setattr(pages, "SELECTIVE", 10 ** 9)  # the page in the counting statement itself
    found, walked, whole = _page_statements(lambda: _every_page(q, sort))
    assert found == expected and not walked and not whole


def test_the_words_counts_behind_the_choice_are_the_vocabulary_s_and_bounded(app, corpus, search_backend, monkeypatch):
    """The choice between one statement and the page after the counts reads how many listings hold
    each word: the vocabulary's figures, kept for a while, and never more than COUNTED_MAX words."""
    from market.search.pg import vocabulary
    search_backend.rebuild()  # the vocabulary views, counted now
    monkeypatch.setattr(vocabulary, "_COUNTED", {})
    monkeypatch.setattr(vocabulary, "COUNTED_MAX", 3)
    assert vocabulary.document_counts(["velo", "cargo", "tent"]) == {"velo": 45, "cargo": 45, "tent": 10}
    assert vocabulary.document_counts(["remorqu", "inconnu"]) == {"remorqu": 15, "inconnu": 0}
    assert len(vocabulary._COUNTED) <= 3


def test_a_common_words_search_has_more_memory_for_its_matches_until_its_transaction_ends(app, corpus,
                                                                                          monkeypatch):
    """At a million listings the matches' bitmap outgrew the default 4 MB (every listing of a lossy page
    checked again: seconds); the search raises it for its own transaction only, never for the pooled
    connection's next user."""
    monkeypatch.setattr(pages, "SELECTIVE", 0)
    default = db.session.execute(sa.text("SHOW work_mem")).scalar()
    db.session.commit()
    assert _every_page("velo cargo", "relevance")[0] == 36
    assert db.session.execute(sa.text("SHOW work_mem")).scalar() == "64MB"
    connection = db.session.connection().connection.driver_connection  # the pooled connection itself
    db.session.commit()
    assert connection.execute("SHOW work_mem").fetchone()[0] == default != "64MB"
    connection.rollback()
