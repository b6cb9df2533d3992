"""Time bank: members give and receive "coups de pouce"; an hour given earns an hour, on the ledger."""


def init_app(app):
    """The settle command (72-hour rule), the ledger check, the "Mon espace" panel and template helpers."""
    from market.cli import market_cli
    from market.ledger import cli as ledger_cli
    from market.panels import register_panel
    from market.timebank.cli import settle
    from market.timebank.panel import panel_context

    ledger_cli.init_app(app)
    market_cli.add_command(settle)
    register_panel("timebank", "timebank/_panel.html", panel_context, order=40)
    from market.timebank import rules
    app.jinja_env.globals.update(tb_hours=rules.format_minutes, tb_skills=rules.SKILLS, tb_kinds=rules.KINDS,
                                 tb_statuses=rules.STATUSES)
