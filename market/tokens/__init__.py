"""Personal access tokens: a member's key for the API, shown once, stored hashed, revocable at once."""


def init_app(app):
    """Add the "Jetons d'accès" link to Mon espace, and the CLI commands."""
    from market.cli import market_cli
    from market.panels import register_panel
    from market.tokens.cli import create_token, revoke_token
    market_cli.add_command(create_token)
    market_cli.add_command(revoke_token)
    from market.tokens.views import panel_context
    register_panel("tokens", "tokens/_panel.html", panel_context, order=900)
