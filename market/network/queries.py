"""Reads for the map: the actors (organisations, offers, needs) with their point, distance and catchment."""
from dataclasses import dataclass, field

import sqlalchemy as sa

from market import geo
from market.accounts.models import LEGAL_FORMS, Organization
from market.directory import queries as directory
from market.extensions import db
from market.listings.models import CATEGORIES, Listing
from market.listings.queries import clean_text, commune_codes, public_condition
from market.network.models import ActorPlace
from market.network.rules import DISTANCES_KM

SHOW = ("organizations", "offer", "need")


@dataclass
class Actor:
    kind: str  # organizations | offer | need
    id: int
    name: str
    url: str
    category: str  # a legal form (organisations) or a listing category
    commune: geo.Commune | None
    organization: Organization | None
    lat: float | None = None
    lon: float | None = None
    placed_by: str | None = None  # "address" (placed by the organisation) | "commune" (its centre) | None
    distance_km: float | None = None
    catchment_km: int | None = None
    catchment: list = field(default_factory=list)  # communes served

    @property
    def placed(self) -> bool:
        return self.lat is not None


@dataclass
class MapResult:
    actors: list[Actor]
    unplaced: list[Actor]  # no point known: listed apart, never dropped silently
    origin: geo.Commune | None = None
    origin_problem: str | None = None  # "unknown" | "ambiguous" | "no_coordinates"
    candidates: list = field(default_factory=list)


def clean_filters(args) -> dict:
    filters = {k: v for k, v in directory.clean_filters(args).items() if k != "q"}
    filters["show"] = args.get("show") if args.get("show") in SHOW else "organizations"
    if args.get("category") in CATEGORIES:
        filters["category"] = args["category"]
    near = clean_text(args.get("near"), 80)
    if near:
        filters["near"] = near
        km = str(args.get("km") or "").strip()
        if km in {str(d) for d in DISTANCES_KM}:
            filters["km"] = int(km)
    return filters


def places_by_org(org_ids) -> dict[int, ActorPlace]:
    if not org_ids:
        return {}
    rows = db.session.scalars(sa.select(ActorPlace).where(ActorPlace.organization_id.in_(list(org_ids))))
    return {p.organization_id: p for p in rows}


def _point(actor: Actor, place: ActorPlace | None, own_commune: bool = True) -> None:
    if place is not None and place.lat is not None and own_commune:
        actor.lat, actor.lon, actor.placed_by = place.lat, place.lon, "address"
    elif actor.commune is not None and actor.commune.lat is not None:
        actor.lat, actor.lon, actor.placed_by = actor.commune.lat, actor.commune.lon, "commune"
    if place is not None:
        actor.catchment_km = place.catchment_km
        actor.catchment = [c for c in map(geo.get, place.commune_codes) if c is not None]


def _organizations(filters) -> list[Actor]:
    orgs = db.session.scalars(directory.listed_organizations(filters)).all()
    places = places_by_org(o.id for o in orgs)
    out = []
    for org in orgs:
        actor = Actor("organizations", org.id, org.name, org.url, org.legal_form, org.commune, org)
        _point(actor, places.get(org.id))
        out.append(actor)
    return out


def _listings(filters) -> list[Actor]:
    stmt = sa.select(Listing).where(public_condition(), Listing.kind == filters["show"])
    if "category" in filters:
        stmt = stmt.where(Listing.category == filters["category"])
    if "commune" in filters:
        stmt = stmt.where(Listing.commune_code.in_(commune_codes(filters["commune"]) or ["-"]))
    if "legal_form" in filters or "sector" in filters:
        org_ids = sa.select(directory.listed_organizations(filters).subquery().c.id)
        stmt = stmt.where(Listing.organization_id.in_(org_ids))
    listings = db.session.scalars(stmt.order_by(Listing.title)).all()
    places = places_by_org({l.organization_id for l in listings if l.organization_id})
    out = []
    for listing in listings:
        org = listing.organization
        actor = Actor(listing.kind, listing.id, listing.title, listing.url, listing.category,
                      geo.get(listing.commune_code), org)
        place = places.get(org.id) if org is not None else None
        _point(actor, place, own_commune=org is not None and org.commune_code == listing.commune_code)
        actor.catchment_km, actor.catchment = None, []  # an area belongs to the organisation, not its listings
        out.append(actor)
    return out


def _origin(result: MapResult, text: str) -> None:
    try:
        origin = geo.resolve(text)
    except geo.AmbiguousCommune as exc:
        result.origin_problem, result.candidates = "ambiguous", exc.candidates[:5]
        return
    if origin is None:
        matches = geo.search(text, limit=5)
        if len(matches) == 1:
            origin = matches[0]
        else:
            result.origin_problem, result.candidates = ("ambiguous", matches) if matches else ("unknown", [])
            return
    result.origin = origin
    if origin.lat is None:
        result.origin_problem = "no_coordinates"


def map_actors(filters: dict) -> MapResult:
    """Actors matching the filters; with a commune of origin, sorted by distance (and within `km`)."""
    actors = _organizations(filters) if filters["show"] == "organizations" else _listings(filters)
    result = MapResult([a for a in actors if a.placed], [a for a in actors if not a.placed])
    if "near" in filters:
        _origin(result, filters["near"])
    origin = result.origin
    if origin is not None and origin.lat is not None:
        for actor in result.actors:
            actor.distance_km = geo.distance_km(origin, actor)
        if "km" in filters:
            result.actors = [a for a in result.actors if a.distance_km <= filters["km"]]
        result.actors.sort(key=lambda a: (a.distance_km, a.name.lower()))
    return result


def as_json(result: MapResult, label) -> dict:
    """The markers of the map script: the same actors as the list, with what a popup shows."""
    def one(a: Actor) -> dict:
        return {"kind": a.kind, "id": a.id, "name": a.name, "url": a.url,
                "category": label("legal_form" if a.kind == "organizations" else "category", a.category),
                "commune": a.commune.name if a.commune else "", "lat": a.lat, "lon": a.lon,
                "placed_by": a.placed_by,
                "distance_km": round(a.distance_km, 1) if a.distance_km is not None else None,
                "catchment": {"km": a.catchment_km,
                              "communes": [{"name": c.name, "lat": c.lat, "lon": c.lon} for c in a.catchment]}}
    origin = result.origin
    return {"actors": [one(a) for a in result.actors], "unplaced": len(result.unplaced),
            "origin": ({"name": origin.name, "lat": origin.lat, "lon": origin.lon}
                       if origin is not None and origin.lat is not None else None)}


def legal_forms():
    return LEGAL_FORMS
