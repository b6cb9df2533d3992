"""PostgreSQL search keeps the counts of a query in the shared cache: never a stale answer.

A write by the ORM, an import (rows written behind the ORM), a user suspended, a listing's end
date passing: the next search shows it, as whoosh does. A listing written with other words
leaves the counts of a search standing: on a site where listings are edited all day, the
searches for other words are still answered from the cache."""
import time
from datetime import timedelta

import pytest

from market.extensions import db
from market.imports.listings import import_listings
from market.search.service import search_listings
from market.types import utcnow
from market.listings.services import close_listing
from tests.factories import CUSSET, login, make_coordinator, make_listing, make_org, make_user
from tests.imports.helpers import LISTING_HEADER


@pytest.fixture
def pg_search(search_backend, app):
    if search_backend.backend != "postgres":
        pytest.skip("the counts' cache is the PostgreSQL backend's")
    was, search_backend.cache_counts = search_backend.cache_counts, True  # as with MARKET_REDIS_URL
    yield app.extensions["cache"]  # (tests/servers/test_two_servers.py: two servers on a real Redis)
    search_backend.cache_counts = was


def _found(q="percolateur", **filters):
    result = search_listings({"q": q, **filters})
    return result.total, sorted(listing.title for listing in result.items), result.facets["category"]


def test_a_repeated_search_is_answered_from_the_cache_until_a_listing_changes(pg_search):
    user = make_user()
    org = make_org(user)
    first = make_listing(user, org, title="Percolateur 100 tasses", category="equipment")
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})
    hits = pg_search.stats["hits"]
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})
    assert pg_search.stats["hits"] > hits
    make_listing(user, org, title="Grand percolateur", category="equipment")
    assert _found() == (2, ["Grand percolateur", "Percolateur 100 tasses"], {"equipment": 2})
    first.title = "Cafetière 100 tasses"
    db.session.commit()
    assert _found() == (1, ["Grand percolateur"], {"equipment": 1})


def test_a_suspended_author_or_organisation_hides_the_listings_at_once(pg_search):
    user, other = make_user(), make_user("bob@example.org", "Bob")
    make_listing(user, make_org(user), title="Percolateur 100 tasses")
    make_listing(other, make_org(other, name="Ressourcerie du Val"), title="Percolateur inox")
    assert _found()[0] == 2
    user.status = "suspended"
    db.session.commit()
    assert _found() == (1, ["Percolateur inox"], {"equipment": 1})


def test_a_listing_whose_end_passes_leaves_the_counts_without_any_write(pg_search):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Percolateur 100 tasses")
    soon = make_listing(user, org, title="Percolateur inox")
    soon.expires_at = utcnow() + timedelta(seconds=1.5)
    db.session.commit()
    assert _found()[0] == 2
    time.sleep(2)
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})


def test_an_import_is_found_by_the_next_search(pg_search):
    coordinator = make_coordinator()
    make_org(coordinator, name="Ciné-Grillon")
    assert _found()[0] == 0
    row = "Ciné-Grillon;offre;matériel;Percolateur 50 tasses;Pour vos fêtes.;Vichy;03200;pret;;1;;;0;cuisine"
    result = import_listings(f"{LISTING_HEADER}\n{row}\n".encode())
    assert not result.errors, result.messages()
    db.session.commit()
    assert _found()[:2] == (1, ["Percolateur 50 tasses"])


def test_a_search_inside_a_transaction_with_its_own_writes_is_not_kept(pg_search):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Percolateur 100 tasses")
    listing = make_listing(user, org, title="Percolateur inox", submit=False)
    listing.status = "published"
    listing.published_at = utcnow()
    db.session.flush()
    assert _found()[0] == 2  # this transaction sees its own listing...
    db.session.rollback()
    assert _found()[0] == 1  # ...which others never did


def test_the_search_page_asked_again_is_counted_once_even_signed_in(pg_search, client):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    login(client, user)
    pages = [client.get("/annonces/?q=percolateur") for _ in range(3)]
    assert all(page.status_code == 200 and f'href="/annonces/{listing.id}"' in page.get_data(as_text=True)
               for page in pages)
    assert pg_search.stats["hits"] >= 2


def _answered_from_cache(cache, search):
    hits = cache.stats["hits"]
    found = search()
    return found, cache.stats["hits"] > hits


def test_a_listing_written_with_other_words_leaves_the_counts_of_a_search(pg_search):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Percolateur 100 tasses")
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})
    assert _found("tente")[0] == 0
    tent = make_listing(user, org, title="Tente de réception 5 x 8 m")
    assert _answered_from_cache(pg_search, _found) == ((1, ["Percolateur 100 tasses"], {"equipment": 1}), True)
    assert _answered_from_cache(pg_search, lambda: _found("tente")) == (
        (1, ["Tente de réception 5 x 8 m"], {"equipment": 1}), False)
    tent.title = "Tente et percolateur"  # the edit brings a searched word: that search is counted again
    db.session.commit()
    assert _answered_from_cache(pg_search, _found) == (
        (2, ["Percolateur 100 tasses", "Tente et percolateur"], {"equipment": 2}), False)
    close_listing(user, tent, "fulfilled")
    db.session.commit()
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})
    assert _found("tente")[0] == 0


def test_a_listing_found_by_its_organisation_or_commune_name_drops_those_searches(pg_search):
    user = make_user()
    org = make_org(user, name="Ciné-Grillon")
    make_listing(user, org, title="Percolateur 100 tasses")
    assert _found("grillon")[0] == 1
    assert _found("cusset")[0] == 0
    make_listing(user, org, title="Tente de réception", commune_code=CUSSET)  # neither word in its text
    assert _found("grillon")[0] == 2
    assert _found("cusset")[:2] == (1, ["Tente de réception"])


def test_a_browsed_page_is_counted_again_after_any_listing_write(pg_search):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Percolateur 100 tasses")
    browse = lambda: search_listings({"category": "equipment"}).total  # noqa: E731
    assert browse() == 1
    make_listing(user, org, title="Tente de réception")
    assert browse() == 2


def test_a_deleted_listing_leaves_the_searches_for_its_words(pg_search):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Percolateur 100 tasses")
    gone = make_listing(user, org, title="Percolateur inox")
    assert _found()[0] == 2
    db.session.delete(gone)
    db.session.commit()
    assert _found() == (1, ["Percolateur 100 tasses"], {"equipment": 1})
