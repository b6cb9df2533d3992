"""notify(): one notice per dedupe key, e-mail queued per the user's preferences."""
from market.extensions import db
from market.notifications.models import Notification, OutgoingEmail
from market.notifications.services import notify, save_preferences
from tests.factories import make_user


def test_notify_records_a_notice_and_queues_one_email():
    user = make_user()
    first = notify(user, "message", "Nouveau message", "/conversations/1", body="Bonjour", dedupe_key="msg:1")
    again = notify(user, "message", "Nouveau message", "/conversations/1", dedupe_key="msg:1")
    db.session.commit()
    assert first is not None and first.title == "Nouveau message"
    assert again is None
    assert db.session.query(Notification).count() == 1
    emails = db.session.query(OutgoingEmail).all()
    assert [(e.template, e.subject, e.status) for e in emails] == [("notification", "Nouveau message", "pending")]


def test_notices_without_key_are_all_recorded():
    user = make_user()
    notify(user, "message", "Un", "/a")
    notify(user, "message", "Deux", "/b")
    assert db.session.query(Notification).count() == 2


def test_preferences_decide_the_channels():
    user = make_user()
    save_preferences(user, in_app=False, email=False)
    notice = notify(user, "message", "Silencieux", "/a", dedupe_key="k")
    assert notice is not None and notice.in_app is False
    assert db.session.query(OutgoingEmail).count() == 0


def test_daily_frequency_delays_the_email_to_the_morning():
    user = make_user()
    save_preferences(user, email_frequency="daily")
    notice = notify(user, "match", "Une correspondance", "/annonces/1")
    email = db.session.query(OutgoingEmail).one()
    assert email.batch == "daily" and email.due_at > notice.created_at
