"""The map's tile server, a setting: OpenStreetMap's by default in production, none in tests and development."""
from urllib.parse import urlsplit

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
# Where the communes' coordinates come from (market/geo/data/README.md): attribution the licences ask for.
COMMUNE_CREDITS = ('DILA, IGN (<a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">'
                   'Licence Ouverte 2.0</a>), <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)')


def tile_settings(config) -> dict:
    """{"url": template or "", "attribution": html, "origin": "https://host" or ""} for the page and its CSP."""
    url = config.get("MAP_TILE_URL")
    if url is None:
        url = OSM_URL if config.get("ENV_NAME") == "production" else ""
    attribution = config.get("MAP_TILE_ATTRIBUTION")
    if attribution is None:
        attribution = OSM_ATTRIBUTION if url == OSM_URL or "openstreetmap" in url else ""
    parts = urlsplit(url.replace("{s}", "a")) if url else None
    origin = f"{parts.scheme}://{parts.netloc}" if parts and parts.scheme in ("http", "https") else ""
    if url and "{s}." in url and origin:
        origin = f"{parts.scheme}://*.{parts.netloc.split('.', 1)[1]}"
    return {"url": url if origin else "", "attribution": attribution, "origin": origin}


def csp_with_tiles(csp: str, origin: str) -> str:
    """The site's Content-Security-Policy, letting the map load images from the tile server."""
    if not origin:
        return csp
    return csp.replace("img-src 'self' data:", f"img-src 'self' data: {origin}", 1)
