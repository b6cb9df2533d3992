"""Reminders by cron, each once: volunteers the day before their shift, organisers the day after to confirm the
hours (until they do); and the roster prints as a sheet for the roll call."""
from datetime import timedelta

import sqlalchemy as sa

from market.events import notices, rules, services
from market.extensions import db
from market.notifications.models import Notification
from market.types import utcnow


def _notices(user, kind):
    return db.session.scalars(sa.select(Notification).where(Notification.user_id == user.id,
                                                            Notification.kind == kind)).all()


def test_the_day_after_the_organisers_are_asked_once_to_confirm_the_hours(race):
    signaleur = race["signaleur"]
    hold = services.sign_up(race["vera"], signaleur)
    today = rules.paris_day(utcnow())
    length = signaleur.ends_at - signaleur.starts_at
    signaleur.starts_at = rules.day_start(today - timedelta(days=1)) + timedelta(hours=8)  # yesterday, 8:00 in Paris
    signaleur.ends_at = signaleur.starts_at + length
    db.session.commit()
    assert notices.send_reminders(today)["organisers"] == 2  # Odile and Paul, both of the club
    assert notices.send_reminders(today)["organisers"] == 0  # run twice by cron: nobody told twice
    told = _notices(race["organiser"], "event_hours_to_confirm")
    assert len(told) == 1 and "Confirmez les présences" in told[0].title and "/presences" in told[0].url
    services.record_attendance(race["organiser"], signaleur, {hold.user_id: (True, 240)})
    db.session.commit()
    assert notices.send_reminders(today) == {"volunteers": 0, "organisers": 0}


def test_the_roster_prints_without_menu_nor_buttons_with_a_column_for_the_roll_call(race, browser):
    services.sign_up(race["vera"], race["signaleur"])
    db.session.commit()
    page = browser(race["organiser"]).text(f"/evenements/{race['event'].id}/equipe")
    assert "css/events.css" in page and "data-print" in page and "js/print.js" in page
    assert 'class="roster-sign">Présent(e)</th>' in page and "Trouver des bénévoles dans le vivier" in page
    from pathlib import Path
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "events.css").read_text()
    assert "@media print" in css and ".no-print" in css and ".site-header" in css
