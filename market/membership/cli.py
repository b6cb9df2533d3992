"""`flask market send-membership-reminders`: the renewal reminders of the season (run daily; twice sends nothing more)."""
import click


@click.command("send-membership-reminders")
def send_membership_reminders():
    """Remind the structures paid up last year that have not renewed yet (once each, from a month before the year)."""
    from flask import current_app

    from market.extensions import db
    from market.membership.notices import send_reminders
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        sent = send_reminders()
        db.session.commit()
    click.echo(f"Rappels de renouvellement envoyés : {sent}.")
