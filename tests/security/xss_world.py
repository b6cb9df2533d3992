"""A network where every text a person can type holds the same hostile payload."""
from flask import current_app

from market.accounts.services import add_member, save_volunteer_profile
from market.extensions import db
from market.moderation import services as moderation
from tests.factories import CUSSET, VICHY, make_coordinator, make_listing, make_org, make_user


def build(payload: str) -> dict:
    coordinator = make_coordinator()
    owner = make_user("owner@example.org", payload)
    reporter = make_user("reporter@example.org", "Rémi Reporter")
    volunteer = make_user("vol@example.org", payload, volunteer=True)
    save_volunteer_profile(volunteer, {"commune_code": VICHY, "radius_km": 30, "skills": f"{payload}; accueil",
                                       "availability": "weekday"})
    org = make_org(owner, name=payload, description=f"{payload}\n{payload}", sectors=f"{payload}; culture",
                   address=payload, website=payload, status="verified")
    other_org = make_org(reporter, name="Maison des associations", status="verified", commune=CUSSET)
    premises = make_listing(owner, org, category="premises", terms="free", title=payload,
                            description=f"{payload}\n{payload}", tags=f"{payload}; salle", amenities=f"{payload}; chaises")
    need = make_listing(volunteer, None, kind="need", category="volunteering", title=payload, urgent=True,
                        description=payload, tags=payload, schedule=payload, terms="free")
    if need.status == "pending":  # individuals go through moderation
        moderation.approve_listing(coordinator, need)
    other_need = make_listing(reporter, other_org, kind="need", category="premises", terms="free",
                              title="Cherche une salle pour une réunion", description="Une salle de 20 places.")
    pending_org = make_org(make_user("new@example.org", payload), name=payload, status="pending",
                           description=payload, commune=CUSSET)
    pending = make_listing(pending_org.admins()[0], pending_org, title=payload, description=payload, tags=payload)
    moderation.report_listing(reporter, premises, "other", payload)
    moderation.report_organization(reporter, org, "other", payload)
    db.session.commit()
    return {"coordinator": coordinator, "owner": owner, "reporter": reporter, "volunteer": volunteer, "org": org,
            "other_org": other_org, "premises": premises, "need": need, "other_need": other_need,
            "pending_org": pending_org, "pending": pending}


def decide(world: dict, payload: str) -> None:
    """Coordinator decisions and an invitation, each of which sends an e-mail quoting the payload."""
    with current_app.test_request_context():  # e-mails carry absolute links
        _decide(world, payload)


def _decide(world: dict, payload: str) -> None:
    coordinator = world["coordinator"]
    moderation.request_changes(coordinator, world["pending"], payload)
    db.session.commit()
    world["pending"].status = "pending"
    moderation.reject_listing(coordinator, world["pending"], payload)
    moderation.verify_organization(coordinator, world["pending_org"])
    moderation.suspend_organization(coordinator, world["pending_org"], payload)
    add_member(world["owner"], world["org"], "invitee@example.org")
    db.session.commit()
