"""Load the fictional demo data through the real services (they flush; the command commits once)."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from market import geo
from market.accounts.models import Organization, User
from market.accounts.services import create_organization, save_volunteer_profile
from market.auth.services import register_user
from market.demo import data
from market.extensions import db
from market.listings.models import Listing
from market.types import utcnow
from market.listings.services import create_listing
from market.purchasing import demo as purchasing_demo

DAY_OFFSETS = {"from_days": "available_from", "until_days": "available_until"}


@dataclass
class Loaded:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (e-mail, role, organisation)
    organizations: list = field(default_factory=list)
    listings: list = field(default_factory=list)


def database_is_empty() -> bool:
    return db.session.scalar(db.select(Organization.id).limit(1)) is None


def demo_logins() -> list[tuple[str, str, str]]:
    """Every demo account as (e-mail, role, organisation), in the order `load()` makes them."""
    logins = [(data.COORDINATOR["email"], "coordination", "—"), (data.VOLUNTEER["email"], "bénévole", "—")]
    return logins + [(f"{spec['key']}@example.org", "administration", spec["name"]) for spec in data.ORGANIZATIONS]


def present_demo_logins() -> list[tuple[str, str, str]]:
    """The demo accounts found in this database (none when the database holds no demo data)."""
    logins = demo_logins()
    found = set(db.session.scalars(db.select(User.email).where(User.email.in_([e for e, _, _ in logins]))))
    return [login for login in logins if login[0] in found]


def counts() -> tuple[int, int, int, int]:
    """(organisations, of which to verify, listings, of which waiting for moderation) in the database."""
    def count(model, *where):
        return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))
    return (count(Organization), count(Organization, Organization.status == "pending"),
            count(Listing), count(Listing, Listing.status == "pending"))


def commune_code(name: str) -> str:
    commune = geo.resolve(name)
    if commune is None:
        raise LookupError(f"demo commune not found: {name}")
    return commune.code


def organization_values(spec: dict) -> dict:
    commune = geo.get(commune_code(spec["commune"]))
    return {"name": spec["name"], "legal_form": spec["legal_form"], "sectors": spec.get("sectors", ""),
            "commune_code": commune.code, "postal_code": commune.postal_code,
            "email": f"{spec['key']}@example.org", "website": spec.get("website", ""),
            "description": spec.get("description", "")}


def listing_values(spec: dict, default_commune: str, today: date) -> tuple[dict, date | None]:
    """(values for create_listing, expires_on) from a LISTINGS entry."""
    values = {k: v for k, v in spec.items() if k not in ("org", "commune", "expires_days", *DAY_OFFSETS)}
    values["commune_code"] = commune_code(spec["commune"]) if "commune" in spec else default_commune
    for offset, column in DAY_OFFSETS.items():
        if offset in spec:
            values[column] = today + timedelta(days=spec[offset])
    expires_on = today + timedelta(days=spec["expires_days"]) if "expires_days" in spec else None
    return values, expires_on


def load(today: date | None = None) -> Loaded:
    """Create every demo account, organisation and listing; returns what was made."""
    today = today or date.today()
    loaded = Loaded()
    coordinator = data.COORDINATOR
    coordinator_user = register_user(coordinator["email"], coordinator["name"], data.PASSWORD, coordinator=True)
    loaded.logins.append((coordinator["email"], "coordination", "—"))
    _load_volunteer(loaded, today)
    admins, organizations = {}, {}
    for spec in data.ORGANIZATIONS:
        values = organization_values(spec)
        admin = register_user(values["email"], f"Équipe {spec['name']}", data.PASSWORD)
        organization = create_organization(admin, values, status=spec.get("status", "verified"))
        admins[spec["key"]], organizations[spec["key"]] = admin, organization
        loaded.organizations.append(organization)
        loaded.logins.append((admin.email, "administration", organization.name))
    for spec in data.LISTINGS:
        organization = organizations[spec["org"]]
        values, expires_on = listing_values(spec, organization.commune_code, today)
        loaded.listings.append(create_listing(admins[spec["org"]], organization, values, expires_on=expires_on))
    _spread_over_the_year(loaded)
    _load_requests(admins, organizations, loaded.listings, today)
    purchasing_demo.load(coordinator["email"], admins, organizations, today)
    from market.demo import ressourcerie
    ressourcerie.load(admins, organizations)
    from market.network import demo as network_demo  # the map's placed organisations and the agenda
    network_demo.load(coordinator_user, organizations, admins, loaded.listings, today)
    from market.timebank.demo import load as load_timebank  # coups de pouce and a few hours exchanged
    load_timebank(admins, organizations, data.VOLUNTEER["email"])
    from market.membership.demo import load as load_membership  # fee schedules, three paid up, one to remind
    load_membership(coordinator_user, organizations, today)
    from market.events import demo as events_demo  # the cycling race 8 km from Vichy, the pool's volunteers
    events_demo.load(admins, organizations, data.VOLUNTEER["email"], data.PASSWORD, today)
    return loaded


def _load_requests(admins, organizations, listings, today: date) -> None:
    """A room booking and an equipment loan waiting for their owner's answer (with their notifications)."""
    from flask import current_app

    from market.exchanges.bookings import request_booking
    from market.exchanges.loans import request_loan
    from market.exchanges.rules import PARIS
    by_title = {listing.title: listing for listing in listings}
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        for spec in data.BOOKING_REQUESTS:
            day = today + timedelta(days=spec["in_days"])
            day += timedelta(days=(spec["weekday"] - day.weekday()) % 7)
            start, end = (datetime.combine(day, time.fromisoformat(spec[k]), tzinfo=PARIS) for k in ("start", "end"))
            request_booking(admins[spec["by"]], by_title[spec["title"]], organizations[spec["by"]], start, end,
                            attendees=spec["attendees"], message=spec["message"])
        for spec in data.LOAN_REQUESTS:
            starts_on = today + timedelta(days=spec["in_days"])
            request_loan(admins[spec["by"]], by_title[spec["title"]], organizations[spec["by"]], spec["quantity"],
                         starts_on, starts_on + timedelta(days=spec["days"]), message=spec["message"])


def _spread_over_the_year(loaded: Loaded) -> None:
    """Date the demo network's arrivals and listings over the past months, so the observatory has a history."""
    now = utcnow()
    for i, organization in enumerate(loaded.organizations):
        organization.created_at = now - timedelta(days=(i * 23) % 330)
    for j, listing in enumerate(loaded.listings):
        back = timedelta(days=(j * 17) % 300)
        listing.created_at = now - back
        if listing.published_at is not None:
            listing.published_at = now - back


def _load_volunteer(loaded: Loaded, today: date) -> None:
    spec = data.VOLUNTEER
    volunteer = register_user(spec["email"], spec["name"], data.PASSWORD, volunteer=True)
    profile = dict(spec["profile"])
    profile["commune_code"] = commune_code(profile.pop("commune"))
    save_volunteer_profile(volunteer, profile)
    values, expires_on = listing_values(spec["listing"], profile["commune_code"], today)
    loaded.listings.append(create_listing(volunteer, None, values, expires_on=expires_on))
    loaded.logins.append((volunteer.email, "bénévole", "—"))
