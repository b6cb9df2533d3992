"""send-notifications: what arrives in a real SMTP server, retries, and never twice even after a crash."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from market.extensions import db
from market.notifications import mail
from market.notifications.models import OutgoingEmail
from market.notifications.rules import CLAIM_TIMEOUT, MAX_ATTEMPTS
from market.notifications.sender import send_due
from market.notifications.services import notify, save_preferences
from market.types import utcnow
from tests.factories import body_text, make_user
from tests.fixtures_servers import free_port


def _queue(user, n=1, **kwargs):
    for i in range(n):
        notify(user, "message", f"Message {i + 1} de la Ressourcerie", f"/conversations/{i + 1}",
               body="Bonjour, les chaises sont prêtes.", dedupe_key=f"msg:{i}", **kwargs)
    db.session.commit()


def _statuses():
    return [e.status for e in db.session.scalars(sa.select(OutgoingEmail).order_by(OutgoingEmail.id))]


def test_an_email_arrives_with_text_html_and_one_click_unsubscribe(smtp_server, client):
    user = make_user()
    _queue(user)
    report = send_due()
    assert report.counts["sent"] == 1
    msg, = smtp_server
    assert msg["To"] == user.email and msg["Subject"] == "Message 1 de la Ressourcerie"
    assert "Bonjour, les chaises sont prêtes." in body_text(msg)
    assert "/conversations/1" in body_text(msg)
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "http://127.0.0.1:5000/conversations/1" in html and '<html lang="fr">' in html
    link = msg["List-Unsubscribe"].strip("<>")
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in body_text(msg)
    # a mail client's one-click POST: no session, no CSRF token
    response = client.post(link.replace("http://127.0.0.1:5000", ""), data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    from market.notifications.services import preferences
    assert preferences(user).email is False
    notify(user, "message", "Encore un message", "/conversations/9")
    db.session.commit()
    send_due()
    assert len(smtp_server) == 1  # unsubscribed: the notice stays on the site, no e-mail


def test_emails_are_in_the_recipients_language(smtp_server):
    user = make_user(locale="en")
    _queue(user)
    send_due()
    html = smtp_server[0].get_body(preferencelist=("html",)).get_content()
    assert '<html lang="en">' in html


def test_smtp_down_retries_with_backoff_then_sends_once(app, smtp_server):
    user = make_user()
    _queue(user)
    live_port, app.config["MAIL_PORT"] = app.config["MAIL_PORT"], free_port()  # the server is down
    now = utcnow()
    assert send_due(now=now).counts["retry"] == 1
    row = db.session.scalar(sa.select(OutgoingEmail))
    assert row.status == "pending" and row.attempts == 1 and row.due_at > now
    assert "connexion SMTP impossible" in row.last_error
    app.config["MAIL_PORT"] = live_port
    assert send_due(now=now).counts["sent"] == 0  # not due yet: backoff
    assert send_due(now=row.due_at + timedelta(seconds=1)).counts["sent"] == 1
    assert send_due(now=row.due_at + timedelta(hours=1)).counts["sent"] == 0
    assert len(smtp_server) == 1


def test_temporary_refusal_retries_and_permanent_refusal_gives_up(flaky_smtp):
    user = make_user()
    _queue(user)
    flaky_smtp.reply = "451 4.3.0 Try again later"
    assert send_due().counts["retry"] == 1
    row = db.session.scalar(sa.select(OutgoingEmail))
    flaky_smtp.reply = "550 5.1.1 No such user"
    assert send_due(now=row.due_at).counts["failed"] == 1
    assert _statuses() == ["failed"] and flaky_smtp.received == []


def test_gives_up_after_max_attempts(dead_smtp):
    user = make_user()
    _queue(user)
    now = utcnow()
    for _ in range(MAX_ATTEMPTS):
        now += timedelta(days=1)
        send_due(now=now)
    assert _statuses() == ["failed"]


def test_killed_halfway_then_run_again_sends_each_message_at_most_once(smtp_server, monkeypatch):
    user = make_user()
    _queue(user, 3)
    real_send, calls = mail.Transport.send, []

    def send_then_die(self, msg):
        calls.append(msg["Subject"])
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed during the 2nd SMTP exchange
        real_send(self, msg)

    monkeypatch.setattr(mail.Transport, "send", send_then_die)
    now = utcnow()
    with pytest.raises(KeyboardInterrupt):
        send_due(now=now)
    db.session.rollback()
    assert _statuses() == ["sent", "sending", "claimed"]
    monkeypatch.setattr(mail.Transport, "send", real_send)
    assert send_due(now=now + timedelta(minutes=1)).counts["sent"] == 0  # the dead run's claims still hold
    report = send_due(now=now + CLAIM_TIMEOUT + timedelta(minutes=1))
    assert report.counts["sent"] == 1 and report.counts["uncertain"] == 1
    assert _statuses() == ["sent", "uncertain", "sent"]
    assert [m["Subject"] for m in smtp_server] == ["Message 1 de la Ressourcerie", "Message 3 de la Ressourcerie"]
    send_due(now=now + timedelta(days=1))
    assert len(smtp_server) == 2


def test_daily_notices_leave_together_the_next_morning(smtp_server):
    user = make_user()
    save_preferences(user, email_frequency="daily")
    _queue(user, 3)
    now = utcnow()
    assert send_due(now=now).counts["sent"] == 0
    due = db.session.scalar(sa.select(sa.func.max(OutgoingEmail.due_at)))
    assert send_due(now=due).counts["sent"] == 3
    msg, = smtp_server
    assert msg["Subject"] == "3 nouvelles notifications"
    text = body_text(msg)
    assert all(f"Message {i} de la Ressourcerie" in text for i in (1, 2, 3))


def test_suspended_people_get_nothing(smtp_server):
    user = make_user()
    _queue(user)
    user.status = "suspended"
    db.session.commit()
    assert send_due().counts["cancelled"] == 1 and smtp_server == []


def test_the_command_reports_what_it_did(runner, outbox):
    _queue(make_user())
    result = runner.invoke(args=["market", "send-notifications"])
    assert result.exit_code == 0 and "1 envoyé(s)" in result.output
    assert len(outbox()) == 1


def test_the_raw_bytes_carry_a_plain_unsubscribe_link_and_a_dated_utc_header(smtp_server, app):
    """What mail providers read: List-Unsubscribe as `<https://…>` (RFC 2369/8058, never RFC 2047-encoded),
    Date with an explicit +0000, accented subjects encoded."""
    app.config["BASE_URL"], old = "https://entraide.reseau-ess-vichy.example/une/instance/assez/longue", app.config["BASE_URL"]
    try:
        user = make_user("une.adresse.assez.longue@structure-de-saint-pourcain.example")
        notify(user, "message", "Réservation acceptée : salle des fêtes de Saint-Pourçain-sur-Sioule",
               "/conversations/1", body="Bonjour.", dedupe_key="raw")
        db.session.commit()
        assert send_due().counts["sent"] == 1
    finally:
        app.config["BASE_URL"] = old
    raw, = smtp_server.raw
    headers = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ").decode("ascii")
    unsubscribe = next(line for line in headers.split("\r\n") if line.startswith("List-Unsubscribe:"))
    assert unsubscribe.startswith("List-Unsubscribe: <https://entraide.reseau-ess-vichy.example/"), unsubscribe
    assert unsubscribe.endswith(">") and "=?" not in unsubscribe
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in headers
    date = next(line for line in headers.split("\r\n") if line.startswith("Date:"))
    assert date.endswith("+0000") and "-0000" not in date
    subject = next(line for line in headers.split("\r\n") if line.startswith("Subject:"))
    assert "=?utf-8?" in subject.lower()  # non-ASCII subject: encoded words, as it must be
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
