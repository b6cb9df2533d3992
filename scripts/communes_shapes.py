"""Commune shapes for build_communes.py: WKB parsing, centroid, distance from a point to a shape."""
import math
import struct

KM_PER_DEGREE = 6371 * math.pi / 180

# A shape is a list of polygons; a polygon a list of rings (the outer ring first, then holes);
# a ring a list of (lon, lat) points, as in WKB/GeoJSON.


def parse_wkb(hexa: str):
    """A hex (E)WKB Point -> (lon, lat); MultiPolygon or Polygon -> shape (list of polygons)."""
    data, pos = bytes.fromhex(hexa), 0

    def take(fmt: str, order: str):
        nonlocal pos
        values = struct.unpack_from(order + fmt, data, pos)
        pos += struct.calcsize(order + fmt)
        return values

    def geometry():
        order = "<" if data[pos] == 1 else ">"
        take("B", order)
        (kind,) = take("I", order)
        if kind & 0x20000000:  # EWKB: an SRID follows
            take("I", order)
        kind &= 0xFF
        if kind == 1:
            return kind, take("dd", order)
        if kind == 3:
            return kind, [ring(order) for _ in range(take("I", order)[0])]
        if kind == 6:
            return kind, [geometry()[1] for _ in range(take("I", order)[0])]
        raise ValueError(f"unsupported WKB geometry type {kind}")

    def ring(order):
        (count,) = take("I", order)
        flat = take("d" * 2 * count, order)
        return list(zip(flat[::2], flat[1::2]))

    kind, value = geometry()
    return [value] if kind == 3 else value


def _signed_area_and_moments(ring):
    area = mx = my = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        mx += (x1 + x2) * cross
        my += (y1 + y2) * cross
    return area / 2, mx, my


def centroid(shape) -> tuple[float, float] | None:
    """Area-weighted centroid (lat, lon) of a shape, holes subtracted; None if it has no area."""
    total = mx = my = 0.0
    for polygon in shape:
        for i, ring in enumerate(polygon):
            area, rx, ry = _signed_area_and_moments(ring)
            sign = (1 if area > 0 else -1) * (1 if i == 0 else -1)  # outer ring adds, holes remove
            total, mx, my = total + sign * area, mx + sign * rx, my + sign * ry
    if not total:
        return None
    return my / (6 * total), mx / (6 * total)


def contains(shape, lon: float, lat: float) -> bool:
    """Even-odd rule over every ring of every polygon."""
    inside = False
    for polygon in shape:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


def distance_to_km(shape, lon: float, lat: float) -> float:
    """0 inside the shape, else the distance in km to its nearest edge (local flat projection)."""
    if contains(shape, lon, lat):
        return 0.0
    k = math.cos(math.radians(lat))
    best = math.inf
    for polygon in shape:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                ax, ay, bx, by = (x1 - lon) * k, y1 - lat, (x2 - lon) * k, y2 - lat
                dx, dy = bx - ax, by - ay
                t = max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy))) if dx or dy else 0.0
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * KM_PER_DEGREE
