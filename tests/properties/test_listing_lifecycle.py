"""Through the real services, any sequence of owner and coordinator actions keeps a listing in a known
status, and `Listing.is_public()` always agrees with its SQL twin `public_condition()`."""
import itertools

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from market.extensions import db
from market.listings import services
from market.listings.models import Listing
from market.listings.queries import public_condition
from market.listings.rules import STATUSES, TransitionRefused
from market.moderation import services as moderation
from tests.factories import make_coordinator, make_listing, make_org, make_user

STEPS = ["submit", "close", "repost", "approve", "reject", "request_changes", "expire", "hide", "unhide",
         "suspend_org", "reinstate_org"]
_n = itertools.count()


def _world():
    n = next(_n)
    coordinator = make_coordinator(f"coord{n}@example.org")
    owner = make_user(f"owner{n}@example.org", "Odile")
    org = make_org(owner, name=f"Structure {n}", status="pending")
    listing = make_listing(owner, org, submit=False, title=f"Annonce {n}")
    return coordinator, owner, org, listing


def _do(step, coordinator, owner, org, listing):
    from market.types import utcnow
    actions = {
        "submit": lambda: services.submit_listing(owner, listing),
        "close": lambda: services.close_listing(owner, listing, "fulfilled"),
        "repost": lambda: services.repost_listing(owner, listing),
        "approve": lambda: moderation.approve_listing(coordinator, listing),
        "reject": lambda: moderation.reject_listing(coordinator, listing, "Hors charte."),
        "request_changes": lambda: moderation.request_changes(coordinator, listing, "Précisez."),
        "expire": lambda: services.expire_due_listings(utcnow().replace(year=utcnow().year + 1)),
        "hide": lambda: setattr(listing, "hidden", True),
        "unhide": lambda: setattr(listing, "hidden", False),
        "suspend_org": lambda: moderation.suspend_organization(coordinator, org, "Enquête."),
        "reinstate_org": lambda: moderation.reinstate_organization(coordinator, org),
    }
    try:
        actions[step]()
        db.session.commit()
    except (TransitionRefused, moderation.DecisionRefused, moderation.NotAllowed, services.NotAllowed):
        db.session.rollback()


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.sampled_from(STEPS), max_size=12))
def test_statuses_stay_known_and_visibility_agrees_with_sql(app, steps):
    coordinator, owner, org, listing = _world()
    for step in steps:
        before = listing.status
        _do(step, coordinator, owner, org, listing)
        db.session.refresh(listing)
        assert listing.status in STATUSES
        if before == "rejected":
            assert listing.status == "rejected"
        in_sql = db.session.scalar(sa.select(sa.func.count()).select_from(Listing)
                                   .where(Listing.id == listing.id, public_condition())) == 1
        assert listing.is_public() == in_sql, (steps, listing.status, listing.hidden, org.status)
