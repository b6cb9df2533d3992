"""Notices to people: e-mail now, in-app notices and the newsletter later."""


def init_app(app):
    """Subscribe to signals and add commands (filled in by the feature)."""
