"""The communes that may lie within a radius of a commune, for filtering candidates in SQL."""
import math
from functools import cache, lru_cache

from market import geo

PROXY_MARGIN_KM = 15  # a postal code covers a few villages: widen the circle by about that much
CELL_DEG = 0.5  # grid cells of half a degree (~55 km north-south): a radius touches a few cells
EARTH_KM = 6371.0


def _all_communes():
    # market.geo has no public "all communes" yet; its index is loaded once and read-only.
    from market.geo import all_communes
    return all_communes()


@cache
def _grid():
    """Communes with coordinates by grid cell; those without, by department and by postal code."""
    cells, unplaced, placed_by_postal = {}, {}, {}
    for c in _all_communes():
        if c.lat is None or c.lon is None:
            unplaced.setdefault(c.department, []).append(c.code)
            continue
        cells.setdefault((int(c.lat // CELL_DEG), int(c.lon // CELL_DEG)), []).append(c)
        for postal in c.postal_codes:
            placed_by_postal.setdefault(postal, []).append(c)
    return cells, unplaced, placed_by_postal


@lru_cache(maxsize=4096)
def nearby_codes(code: str, radius_km: float) -> tuple[str, ...] | None:
    """INSEE codes within `radius_km` of `code`, plus the communes without coordinates of the
    departments concerned (they may be near: unknown distance is neutral, never a reason to drop).
    A commune without coordinates is placed at the communes sharing its postal code, with a margin.
    None when the commune is unknown or cannot be placed (no geographic filter then)."""
    origin = geo.get(code)
    if origin is None:
        return None
    cells, unplaced, placed_by_postal = _grid()
    lat, lon = origin.lat, origin.lon
    if lat is None or lon is None:
        proxies = [c for postal in origin.postal_codes for c in placed_by_postal.get(postal, [])]
        if not proxies:
            return tuple(sorted(unplaced.get(origin.department, [code])))
        lat = sum(c.lat for c in proxies) / len(proxies)
        lon = sum(c.lon for c in proxies) / len(proxies)
        radius_km += PROXY_MARGIN_KM
    near, departments = {code}, {origin.department}
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.1))
    cos0 = math.cos(math.radians(lat))
    for i in range(int((lat - dlat) // CELL_DEG), int((lat + dlat) // CELL_DEG) + 1):
        for j in range(int((lon - dlon) // CELL_DEG), int((lon + dlon) // CELL_DEG) + 1):
            for c in cells.get((i, j), ()):
                dx = math.radians(c.lon - lon) * cos0
                dy = math.radians(c.lat - lat)
                if EARTH_KM * math.hypot(dx, dy) <= radius_km * 1.02:  # equirectangular: ~exact here
                    near.add(c.code)
                    departments.add(c.department)
    for department in departments:
        near.update(unplaced.get(department, ()))
    return tuple(sorted(near))


@lru_cache(maxsize=4096)
def codes_within(code: str, radius_km: float) -> tuple[str, ...]:
    """INSEE codes of the communes with coordinates within `radius_km` of `code`, `code` included.
    Strict, for a filter people choose: a commune without coordinates only matches itself
    (as the origin, or as a neighbour: it is never counted near)."""
    origin = geo.get(code)
    if origin is None or origin.lat is None or origin.lon is None:
        return (code,)
    cells = _grid()[0]
    near = {code}
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(origin.lat)), 0.1))
    for i in range(int((origin.lat - dlat) // CELL_DEG), int((origin.lat + dlat) // CELL_DEG) + 1):
        for j in range(int((origin.lon - dlon) // CELL_DEG), int((origin.lon + dlon) // CELL_DEG) + 1):
            near.update(c.code for c in cells.get((i, j), ()) if geo.distance_km(origin, c) <= radius_km)
    return tuple(sorted(near))
