"""Matching offers with needs: scores, suggestions, saved searches, alerts."""


def init_app(app):
    """Listen to publications (alerts are queued, computed by `market send-notifications`), let every
    committed write of a listing invalidate the cached rankings of its category, keep the analysed
    words of every saved listing (terms.py), and give templates `listing_suggestions(listing)` for
    the listing page."""
    from market.accounts.models import VolunteerProfile
    from market.cache.hooks import watch
    from market.listings.models import Listing
    from market.matching import cache, terms
    from market.matching.alerts import on_listing_published, on_listings_published
    from market.signals import listing_published, listings_published
    listing_published.connect(on_listing_published)
    listings_published.connect(on_listings_published)
    watch(Listing, cache.touched)
    watch(VolunteerProfile, cache.touched_by_profile)
    terms.watch_saves()
    if app.config.get("MATCHING_WARM_AT_START", app.config.get("ENV_NAME") == "production"):
        warm()

    @app.context_processor
    def _matching_helpers():
        from market.matching.views import listing_suggestions
        return {"listing_suggestions": listing_suggestions}


def warm():
    """Load the communes and their grid now (~0.5-0.9 s, once per process) rather than in the first
    listing page a worker serves. On by default in production (MATCHING_WARM_AT_START)."""
    from market.matching.nearby import nearby_codes
    nearby_codes("03310", 30)  # Vichy: loads market.geo's index and builds the grid
