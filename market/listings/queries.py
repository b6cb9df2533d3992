"""Reads on listings: what the public sees, what an owner sees."""
import sqlalchemy as sa

from market.accounts.models import NOT_ACTIVE, Organization, User
from market.extensions import db
from market.listings.models import CATEGORIES, KINDS, TERMS, Listing
from market.types import utcnow

RADII_KM = (5, 10, 20, 30, 50)  # the distances offered around the chosen commune
WORD_EDGES = ".,;:!?\"'()[]{}«»…"  # punctuation around a word typed in the search box
SEARCH_MAX_CHARS = 200  # the search boxes' maxlength; longer words are cut, with a word (search_was_cut)


def public_condition(now=None, lists=False):
    """The SQL twin of Listing.is_public(); `now` may be a bind parameter (a statement built once).
    `lists` (PostgreSQL only): the suspended organisations and the authors who are not active read
    once per statement as two arrays, each listing checked against them (when thousands of
    listings match some words, 10-20 % less than a join per listing)."""
    now = utcnow() if now is None else now
    if lists:
        suspended = sa.select(Organization.id).where(Organization.status == "suspended").scalar_subquery()
        inactive = sa.select(User.id).where(sa.text(f"users.{NOT_ACTIVE}")).scalar_subquery()
        people = (sa.func.coalesce(Listing.organization_id, 0) != sa.all_(sa.func.array(suspended)),
                  Listing.author_id != sa.all_(sa.func.array(inactive)))
    else:
        people = (~Listing.organization.has(Organization.status == "suspended"),
                  Listing.author.has(User.status == "active"))
    return sa.and_(Listing.status == "published", Listing.hidden.is_(False), Listing.expires_at > now, *people)


def clean_text(value, limit: int) -> str:
    """Free text from a query string: NUL bytes (refused by PostgreSQL) removed, trimmed, bounded.

    Cut at a word boundary: a word cut in the middle ("salle salle … sa") would be searched as a word
    of its own, and when the whole words are stop words ("notre notre … no") it is the only one left."""
    text = (value or "").replace("\x00", "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and any(c.isspace() for c in cut):
        cut = cut[:max(i for i, c in enumerate(cut) if c.isspace())]
    return cut.strip()


def clean_search(value) -> str:
    """The words searched: like `clean_text`, and a query filling the search box (its maxlength is
    SEARCH_MAX_CHARS) loses its last word, which the box has most likely cut in the middle: with
    "notre notre … no" (stop words, then a fragment), "no" would otherwise be searched alone."""
    text = clean_text(value, SEARCH_MAX_CHARS)
    if len(text) >= SEARCH_MAX_CHARS and not text[-1].isspace() and any(c.isspace() for c in text):
        text = text[:max(i for i, c in enumerate(text) if c.isspace())].strip()
    return text


def search_was_cut(args) -> bool:
    """True when the words searched were longer than the search keeps (the page then says so)."""
    return len((args.get("q") or "").strip()) > SEARCH_MAX_CHARS


def contains(column, word: str):
    """Case-insensitive "column contains word", with % and _ taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def clean_filters(args) -> dict:
    """Keep only valid filter values from a query string (unknown values are ignored, not errors)."""
    filters = {}
    if args.get("kind") in KINDS:
        filters["kind"] = args["kind"]
    if args.get("category") in CATEGORIES:
        filters["category"] = args["category"]
    if args.get("terms") in TERMS:
        filters["terms"] = args["terms"]
    commune = clean_text(args.get("commune"), 80)
    if commune:
        filters["commune"] = commune
        radius = str(args.get("radius_km") or "").strip()
        if radius in {str(r) for r in RADII_KM}:
            filters["radius_km"] = int(radius)
    organization = clean_text(args.get("organization"), 140)
    if organization:
        filters["organization"] = organization
    if args.get("urgent") in ("1", "true", "on"):
        filters["urgent"] = True
    q = clean_search(args.get("q"))
    if q:
        filters["q"] = q
    return filters


def commune_codes(text: str) -> list[str]:
    from market import geo
    try:
        commune = geo.resolve(text)
    except geo.AmbiguousCommune as exc:
        return [c.code for c in exc.candidates]
    if commune:
        return [commune.code]
    return [c.code for c in geo.search(text, limit=20)]


def commune_filter_codes(filters: dict) -> list[str] | None:
    """The INSEE codes the commune filter (with its radius) accepts; None without a commune filter.

    With `radius_km`, the communes within that distance of each commune the text designates;
    a commune without coordinates in our data matches only itself."""
    if "commune" not in filters:
        return None
    codes = commune_codes(filters["commune"])
    if filters.get("radius_km") in RADII_KM:
        from market.matching.nearby import codes_within
        codes = sorted({near for code in codes for near in codes_within(code, filters["radius_km"])})
    return codes


def public_listings(filters: dict) -> sa.Select:
    """Published listings matching the filters, newest first."""
    stmt = sa.select(Listing).where(public_condition())
    if "kind" in filters:
        stmt = stmt.where(Listing.kind == filters["kind"])
    if "category" in filters:
        stmt = stmt.where(Listing.category == filters["category"])
    if "terms" in filters:
        stmt = stmt.where(Listing.terms == filters["terms"])
    if filters.get("urgent"):
        stmt = stmt.where(Listing.urgent.is_(True))
    if "commune" in filters:
        stmt = stmt.where(Listing.commune_code.in_(commune_filter_codes(filters) or ["-"]))
    if "organization" in filters:
        stmt = stmt.where(Listing.organization.has(Organization.slug == filters["organization"]))
    if "q" in filters:
        # "salle," is "salle" (% and _ stay literal: "50%"); a repeated word counts once
        words = [w.strip(WORD_EDGES) for w in filters["q"].split()]
        for word in list(dict.fromkeys(w for w in words if w))[:8]:
            stmt = stmt.where(sa.or_(contains(Listing.title, word), contains(Listing.description, word),
                                     contains(Listing.tags, word)))
    return stmt.order_by(Listing.published_at.desc(), Listing.id.desc())


def organization_listings(organization, statuses=None) -> sa.Select:
    stmt = sa.select(Listing).where(Listing.organization_id == organization.id)
    if statuses:
        stmt = stmt.where(Listing.status.in_(statuses))
    return stmt.order_by(Listing.updated_at.desc())


def individual_listings(user) -> sa.Select:
    return (sa.select(Listing).where(Listing.organization_id.is_(None), Listing.author_id == user.id)
            .order_by(Listing.updated_at.desc()))


def public_listings_of(organization, limit=50) -> list[Listing]:
    stmt = (sa.select(Listing).where(public_condition(), Listing.organization_id == organization.id)
            .order_by(Listing.published_at.desc()).limit(limit))
    return list(db.session.scalars(stmt))
