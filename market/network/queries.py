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
# actors shown at most, in the list and on the map: at 100,000 listings every offer made a page of
# 19 MB built in 6 s (a national network's half a million offers would hang a worker)
MAP_LIMIT = 500
# past MAP_LIMIT actors, communes are kept by their centre: an actor placed at its address lies within its
# commune, most of them within this distance of the centre (a few, like Arles, reach farther)
NEAR_MARGIN_KM = 20


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
    total: int = 0  # actors matching the filters, whatever their distance
    limited: bool = False  # more of them than MAP_LIMIT: the first (or nearest) shown


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


def _organizations(orgs) -> list[Actor]:
    places = places_by_org(o.id for o in orgs)
    out = []
    for org in orgs:
        actor = Actor("organizations", org.id, org.name, org.url, org.legal_form, org.commune, org)
        _point(actor, places.get(org.id))
        out.append(actor)
    return out


def _candidates(filters) -> tuple[sa.Select, sa.ColumnElement, sa.ColumnElement]:
    """The actors matching the filters (organisations or listings), their commune and name columns."""
    if filters["show"] == "organizations":
        return directory.listed_organizations(filters).order_by(None), Organization.commune_code, Organization.name
    stmt = sa.select(Listing).where(public_condition(), Listing.kind == filters["show"])
    if "category" in filters:
        stmt = stmt.where(Listing.category == filters["category"])
    if "commune" in filters:
        stmt = stmt.where(Listing.commune_code.in_(commune_codes(filters["commune"]) or ["-"]))
    if "legal_form" in filters or "sector" in filters:
        org_ids = sa.select(directory.listed_organizations(filters).subquery().c.id)
        stmt = stmt.where(Listing.organization_id.in_(org_ids))
    return stmt, Listing.commune_code, Listing.title


def _nearest_first(stmt, commune, origin, km) -> tuple[sa.Select, sa.ColumnElement | None, int, int]:
    """`stmt` kept to the nearest communes holding MAP_LIMIT actors (within `km`), with a margin for
    actors placed at their address, then those without coordinates if room is left; an order
    putting the nearest communes' actors first: the first MAP_LIMIT rows are the nearest actors,
    give or take a commune's width (sorted exactly once loaded); how many are within reach, and in all."""
    sub = stmt.subquery()
    near, unknown, total = [], [], 0
    for code, n in db.session.execute(sa.select(sub.c.commune_code, sa.func.count()).group_by(sub.c.commune_code)):
        total += n
        place = geo.get(code) if code else None
        distance = geo.distance_km(origin, place) if place is not None else None
        if distance is None:
            unknown.append((code, n))
        elif km is None or distance <= km + NEAR_MARGIN_KM:
            near.append((distance, code, n))
    if total <= MAP_LIMIT:  # all of them loaded, then kept and sorted exactly
        return stmt, None, total, total
    near.sort()
    codes, held, reach = [], 0, None
    for distance, code, n in near:
        if reach is not None and distance > reach + NEAR_MARGIN_KM:
            break
        codes.append(code)
        held += n
        if reach is None and held >= MAP_LIMIT:
            reach = distance
    keep = [commune.in_(codes)]
    if reach is None:  # room left: the actors whose commune has no coordinates, listed apart
        keep += [commune.in_([code for code, _n in unknown if code]), commune.is_(None)]
    ranked = sa.case({code: i for i, code in enumerate(codes)}, value=commune, else_=len(codes)) if codes else None
    within = sum(n for distance, _c, n in near if km is None or distance <= km) + sum(n for _c, n in unknown)
    return stmt.where(sa.or_(*keep)), ranked, within, total


def _listings(listings) -> list[Actor]:
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
    """Actors matching the filters, the first MAP_LIMIT of them; with a commune of origin, the nearest,
    sorted by distance (and within `km`)."""
    stmt, commune, name = _candidates(filters)
    result = MapResult([], [])
    if "near" in filters:
        _origin(result, filters["near"])
    origin = result.origin
    if origin is not None and origin.lat is not None:  # the communes' counts give the total too
        stmt, ranked, within, result.total = _nearest_first(stmt, commune, origin, filters.get("km"))
        order = [name] if ranked is None else [ranked, name]
    else:
        result.total = within = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
        order = [name]
    rows = db.session.scalars(stmt.order_by(*order).limit(MAP_LIMIT)).all()
    result.limited = len(rows) >= MAP_LIMIT and within > len(rows)
    actors = _organizations(rows) if filters["show"] == "organizations" else _listings(rows)
    result.actors, result.unplaced = [a for a in actors if a.placed], [a for a in actors if not a.placed]
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
            "total": result.total, "limited": result.limited,
            "origin": ({"name": origin.name, "lat": origin.lat, "lon": origin.lon}
                       if origin is not None and origin.lat is not None else None)}


def legal_forms():
    return LEGAL_FORMS
