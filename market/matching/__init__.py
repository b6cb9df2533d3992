"""Matching offers with needs: scores, suggestions, saved searches, alerts."""


def init_app(app):
    """Listen to publications (alerts are queued, computed by `market send-notifications`) and give
    templates `listing_suggestions(listing)` for the listing page."""
    from market.matching.alerts import on_listing_published
    from market.signals import listing_published
    listing_published.connect(on_listing_published)

    @app.context_processor
    def _matching_helpers():
        from market.matching.views import listing_suggestions
        return {"listing_suggestions": listing_suggestions}
