"""Membership of the network (adhésion): the charter signed, a yearly fee by type and size of structure, payments
recorded by the coordination, renewal reminders, and the actions the coordination reserves to members."""


def init_app(app):
    """The reminders command, the "Mon espace" panel, the observatory's figures and the answer to market/gates.py."""
    from market import gates
    from market.cli import market_cli
    from market.membership import figures as _figures  # noqa: F401  (importing registers them)
    from market.membership.cli import send_membership_reminders
    from market.membership.panel import panel_context
    from market.membership.permissions import membership_refusal
    from market.panels import register_panel

    market_cli.add_command(send_membership_reminders)
    register_panel("membership", "membership/_panel.html", panel_context, order=15)
    gates.set_check(membership_refusal)
