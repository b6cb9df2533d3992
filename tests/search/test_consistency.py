"""The index follows the database: what commits reaches it, what rolls back never does, and
listings leave it when they stop being public (close, expiry, moderation, suspension, deletion).
On both backends (PostgreSQL's is the database itself); the index's own bookkeeping is whoosh's."""
from datetime import timedelta

from market.accounts.models import Organization
from market.extensions import db
from market.listings import services as listing_services
from market.moderation import services as moderation
from market.search.check import check
from market.search.service import search_listings
from market.types import utcnow
from tests.factories import make_coordinator, make_listing, make_org, make_user


def found(q):
    return [l.title for l in search_listings({"q": q}).items]


def indexed_ids(index):
    return {int(f["id"]) for f in index.searcher().all_stored_fields()}


def whoosh(backend) -> bool:
    return backend.backend == "whoosh"


def test_a_published_listing_is_found_after_the_commit(search_backend):
    user = make_user()
    org = make_org(user)
    assert found("percolateur") == []
    listing = make_listing(user, org, title="Percolateur 100 tasses")
    assert found("percolateur") == [listing.title]


def test_a_rolled_back_change_never_reaches_the_index(search_backend):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    listing.title = "Friteuse professionnelle"
    db.session.flush()
    db.session.rollback()
    assert found("friteuse") == [] and found("percolateur") == ["Percolateur 100 tasses"]
    draft = listing_services.create_listing(user, listing.organization, {**_values(), "title": "Plancha"}, submit=True)
    db.session.flush()
    db.session.rollback()
    assert found("plancha") == []
    assert not whoosh(search_backend) or check(search_backend).ok


def _values():
    from tests.factories import listing_values
    return listing_values()


def test_drafts_and_pending_listings_are_not_indexed(search_backend):
    user = make_user()
    make_listing(user, make_org(user), submit=False, title="Plancha brouillon")
    pending_org = make_org(user, name="Nouvelle asso", status="pending")
    make_listing(user, pending_org, title="Plancha en attente")
    assert found("plancha") == []


def test_edit_close_and_repost_follow(search_backend):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    listing_services.update_listing(user, listing, {"title": "Percolateur 50 tasses"})
    db.session.commit()
    assert found("percolateur") == ["Percolateur 50 tasses"]
    listing_services.close_listing(user, listing, "fulfilled")
    db.session.commit()
    assert found("percolateur") == []
    listing_services.repost_listing(user, listing)
    db.session.commit()
    assert found("percolateur") == ["Percolateur 50 tasses"]


def test_expiry_hides_at_once_and_the_daily_job_removes_it(search_backend):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    listing.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert found("percolateur") == []
    listing.expires_at = utcnow() + timedelta(days=1)
    db.session.commit()
    assert found("percolateur") == ["Percolateur 100 tasses"]
    listing.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    listing_services.expire_due_listings()
    db.session.commit()
    assert not whoosh(search_backend) or listing.id not in indexed_ids(search_backend)


def test_moderation_hide_and_dismiss(search_backend):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    listing.hidden = True
    db.session.commit()
    assert found("percolateur") == []
    assert not whoosh(search_backend) or listing.id not in indexed_ids(search_backend)
    listing.hidden = False
    db.session.commit()
    assert found("percolateur") == ["Percolateur 100 tasses"]


def test_organisation_suspension_rename_and_deletion(search_backend):
    coordinator = make_coordinator()
    user = make_user()
    org = make_org(user, name="Amicale laïque")
    listing = make_listing(user, org, title="Percolateur 100 tasses")
    assert found("amicale percolateur") == [listing.title]
    org.name = "Foyer rural"
    db.session.commit()
    assert found("amicale") == [] and found("foyer percolateur") == [listing.title]
    moderation.suspend_organization(coordinator, org, "Charte non respectée")
    db.session.commit()
    assert found("percolateur") == []
    moderation.reinstate_organization(coordinator, org)
    db.session.commit()
    assert found("percolateur") == [listing.title]
    db.session.delete(db.session.get(Organization, org.id))  # the database cascade deletes its listings
    db.session.commit()
    assert found("percolateur") == []
    assert not whoosh(search_backend) or indexed_ids(search_backend) == set()


def test_author_suspension(search_backend):
    coordinator = make_coordinator()
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    moderation.suspend_user(coordinator, user, "Spam")
    db.session.commit()
    assert found("percolateur") == []
    moderation.reinstate_user(coordinator, user)
    db.session.commit()
    assert found("percolateur") == [listing.title]


def test_an_index_behind_the_database_never_shows_a_hidden_listing(search_backend):
    user = make_user()
    listing = make_listing(user, make_org(user), title="Percolateur 100 tasses")
    db.session.execute(db.update(type(listing)).where(type(listing).id == listing.id).values(hidden=True))
    db.session.commit()  # a bulk update: no ORM event, the index still has it
    assert not whoosh(search_backend) or listing.id in indexed_ids(search_backend)  # whoosh: still indexed
    assert found("percolateur") == []
