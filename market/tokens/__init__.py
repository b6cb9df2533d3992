"""Personal access tokens: a member's key for the API, shown once, stored hashed, revocable at once."""


def init_app(app):
    """Add the "Jetons d'accès" link to Mon espace."""
    from market.panels import register_panel
    from market.tokens.views import panel_context
    register_panel("tokens", "tokens/_panel.html", panel_context, order=900)
