"""French communes: official list, lookup by code/postal code/name, and distances."""
from market.geo.communes import (AmbiguousCommune, Commune, all_communes, distance_km, get, normalise,
                                 resolve, search)

__all__ = ["AmbiguousCommune", "Commune", "all_communes", "distance_km", "get", "normalise", "resolve",
           "search"]
