"""`flask market timebank-settle` (hourly): hours recorded 72 hours ago and not contested are credited, agreements
done by both sides too; places in line whose offer lapsed are closed. `flask market timebank-reminders` (daily):
the day-before reminders of workshops (each member once, however often it runs)."""
import click
from flask import current_app

from market.extensions import db


def _each(items, settle, label: str) -> tuple[int, int]:
    """Settle each item in its own transaction; a hard limit refuses one without stopping the others."""
    from market.timebank.credits import Refused
    done, refused = 0, 0
    for model, item_id in [(type(i), i.id) for i in items]:
        try:
            ok = settle(db.session.get(model, item_id))
        except Refused as exc:
            db.session.rollback()
            refused += 1
            click.echo(f"{label} {item_id} : {exc}", err=True)
        else:
            db.session.commit()  # a credit left pending by a limit keeps its reason (agreements)
            if ok is False:
                refused += 1
            elif ok is not None:
                done += 1
    return done, refused


@click.command("timebank-settle")
def settle():
    """Credit the coups de pouce, workshop seats and agreements whose hours are due; close lapsed places in line."""
    from market.timebank import agreement_credits, services, workshops
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        credited, refused = _each(services.settle_due(), services.settle, "échange")
        seats, seats_refused = _each(workshops.seats_due(), workshops.settle_seat, "atelier, place")
        agreements, agreements_refused = _each(agreement_credits.due(), agreement_credits.settle, "accord")
        lapsed = services.lapsed_in_line() + workshops.lapsed_in_line()
        db.session.commit()
    click.echo(f"{credited} coup(s) de pouce compté(s), {refused} refusé(s) par les limites ; "
               f"{seats} place(s) d'atelier comptée(s), {seats_refused} refusée(s) ; {agreements} accord(s) "
               f"compté(s), {agreements_refused} refusé(s) ; {lapsed} place(s) en attente close(s).")


@click.command("timebank-reminders")
def reminders():
    """Remind the members holding a seat the day before their workshop (run daily; running it again sends nothing
    twice)."""
    from market.timebank.notices import send_reminders
    with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
        count = send_reminders()
        db.session.commit()
    click.echo(f"Rappels d'atelier envoyés : {count}.")
