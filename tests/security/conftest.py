"""Fixtures of the security module: a small network (owner, plain member, coordinator) and switches."""
import pytest

from market.extensions import db, limiter
from market.ressourcerie.services import reserve
from tests.factories import make_batch, make_coordinator, make_listing, make_org, make_user


@pytest.fixture
def world():
    """Odile (admin of a verified cinema, a published and a pending listing), Max (admin of another
    organisation, no special right), Véra (volunteer) and Camille (coordinator)."""
    owner = make_user("owner@example.org", "Odile Owner")
    member = make_user("member@example.org", "Max Member")
    volunteer = make_user("vol@example.org", "Véra Volunteer", volunteer=True)
    coordinator = make_coordinator()
    org = make_org(owner, status="pending")
    pending = make_listing(owner, org, title="Table de mixage en attente")
    org.status = "verified"
    db.session.commit()
    other_org = make_org(member, name="Autre structure", status="verified")
    published = make_listing(owner, org, title="Sono publiée")
    theirs = make_listing(member, other_org, kind="need", title="Besoin d'une sono")
    batch = make_batch(owner, org, quantity=3)  # ressourcerie: a batch with a photo, reserved by Max
    reservation = reserve(member, batch, 1, other_org)
    db.session.commit()
    from tests.network.helpers import make_meeting
    meeting = make_meeting(coordinator, host=org, capacity=12)
    from tests.events.helpers import make_event  # events
    event = make_event(owner, org)
    return {"batch": batch, "event": event, "reservation": reservation, "upload": batch.photos[0].upload,
            "owner": owner, "member": member, "volunteer": volunteer, "coordinator": coordinator,
            "org": org, "other_org": other_org, "published": published, "pending": pending, "theirs": theirs,
            "membership": owner.membership_in(org), "meeting": meeting}


@pytest.fixture
def csrf_enabled(app):
    """CSRF protection as in production, for one test."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def login_limit(app):
    """A low login rate limit for one test; the counters start and end empty."""
    previous = app.config["LOGIN_RATE_LIMIT"]
    limiter.reset()
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    yield 3
    app.config["LOGIN_RATE_LIMIT"] = previous
    limiter.reset()
