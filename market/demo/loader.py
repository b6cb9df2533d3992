"""Load the fictional demo data through the real services (they flush; the command commits once)."""
from dataclasses import dataclass, field
from datetime import date, timedelta

from market import geo
from market.accounts.models import Organization
from market.accounts.services import create_organization, save_volunteer_profile
from market.auth.services import register_user
from market.demo import data
from market.extensions import db
from market.listings.services import create_listing

DAY_OFFSETS = {"from_days": "available_from", "until_days": "available_until"}


@dataclass
class Loaded:
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (e-mail, role, organisation)
    organizations: list = field(default_factory=list)
    listings: list = field(default_factory=list)


def database_is_empty() -> bool:
    return db.session.scalar(db.select(Organization.id).limit(1)) is None


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
    register_user(coordinator["email"], coordinator["name"], data.PASSWORD, coordinator=True)
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
    from market.timebank.demo import load as load_timebank  # coups de pouce and a few hours exchanged
    load_timebank(admins, organizations, data.VOLUNTEER["email"])
    return loaded


def _load_volunteer(loaded: Loaded, today: date) -> None:
    spec = data.VOLUNTEER
    volunteer = register_user(spec["email"], spec["name"], data.PASSWORD, volunteer=True)
    profile = dict(spec["profile"])
    profile["commune_code"] = commune_code(profile.pop("commune"))
    save_volunteer_profile(volunteer, profile)
    values, expires_on = listing_values(spec["listing"], profile["commune_code"], today)
    loaded.listings.append(create_listing(volunteer, None, values, expires_on=expires_on))
    loaded.logins.append((volunteer.email, "bénévole", "—"))
