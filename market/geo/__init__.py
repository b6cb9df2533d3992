"""French communes: official list, lookup by code/postal code/name, and distances."""
from market.geo.communes import (AmbiguousCommune, Commune, distance_km, get, normalise, resolve,
                                 search)

__all__ = ["AmbiguousCommune", "Commune", "distance_km", "get", "normalise", "resolve", "search"]
