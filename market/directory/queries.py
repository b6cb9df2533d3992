"""Reads for the directory: listed organisations with filters."""
import sqlalchemy as sa

from market.accounts.models import LEGAL_FORMS, Organization
from market.listings.queries import clean_search, clean_text, commune_codes, contains


def clean_filters(args) -> dict:
    filters = {}
    for key in ("q", "commune", "sector"):
        value = clean_search(args.get(key)) if key == "q" else clean_text(args.get(key), 120)
        if value:
            filters[key] = value
    if args.get("legal_form") in LEGAL_FORMS:
        filters["legal_form"] = args["legal_form"]
    return filters


def listed_organizations(filters: dict) -> sa.Select:
    """Verified organisations (new ones appear once a coordinator has checked them), by name."""
    stmt = sa.select(Organization).where(Organization.status == "verified")
    if "q" in filters:  # accents, plurals and synonyms as in the listings search
        from market.search.organizations import organization_ids_matching
        stmt = stmt.where(Organization.id.in_(organization_ids_matching(filters["q"]) or [0]))
    if "legal_form" in filters:
        stmt = stmt.where(Organization.legal_form == filters["legal_form"])
    if "sector" in filters:
        stmt = stmt.where(contains(Organization.sectors, filters["sector"]))
    if "commune" in filters:
        stmt = stmt.where(Organization.commune_code.in_(commune_codes(filters["commune"]) or ["-"]))
    return stmt.order_by(Organization.name)


def can_see(user, organization) -> bool:
    if organization.status == "verified":
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_coordinator or user.membership_in(organization) is not None
