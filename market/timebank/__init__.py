"""Time bank: members give and receive "coups de pouce" and workshops; an hour given earns an hour, on the ledger.
The skills register says who knows how to do what."""


def init_app(app):
    """Commands (72-hour rule, reminders, ledger check), the "Mon espace" panel, the listeners of freed places and
    of agreements done, template helpers."""
    from market.cli import market_cli
    from market.exchanges.base import span
    from market.ledger import cli as ledger_cli
    from market.panels import register_panel
    from market.places.signals import place_offered
    from market.signals import agreement_marked_done
    from market.timebank import agreement_credits, notices, rules, skills
    from market.timebank.cli import reminders, settle
    from market.timebank.panel import panel_context

    ledger_cli.init_app(app)
    market_cli.add_command(settle)
    market_cli.add_command(reminders)
    register_panel("timebank", "timebank/_panel.html", panel_context, order=40)
    place_offered.connect(notices.on_place_offered, weak=False)
    agreement_marked_done.connect(agreement_credits.on_marked_done, weak=False)
    from market.matching.elsewhere import register_answers
    from market.timebank.answers import help_for
    register_answers("timebank", help_for)
    app.jinja_env.globals.update(tb_hours=rules.format_minutes, tb_skill_labels=skills.labels, tb_kinds=rules.KINDS,
                                 tb_statuses=rules.STATUSES, tb_seat_statuses=rules.SEAT_STATUSES,
                                 tb_agreement_credit=agreement_credits.credit_of,
                                 tb_can_contest=agreement_credits.can_contest, tb_settle_after=rules.SETTLE_AFTER, tb_span=span)
