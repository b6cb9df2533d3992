"""Limited places held by several features: take n, or wait in line; hold, lapse, offer to the next."""
