"""Matching offers with needs: scores, suggestions, saved searches, alerts."""


def init_app(app):
    """Subscribe to signals (filled in by the feature)."""
