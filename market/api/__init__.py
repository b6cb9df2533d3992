"""The JSON API, /api/v1: public reads, and writes with a personal access token."""


def init_app(app):
    """Bearer tokens on /api/* (market/api/auth.py)."""
    from market.api import auth
    auth.init_app(app)
