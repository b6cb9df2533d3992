"""`market send-notifications`: send the queued e-mails, at most once each, retrying failures with backoff.

Every e-mail row moves pending -> claimed -> sending -> sent, each step committed:

- claimed: taken by one run (an UPDATE that only succeeds on pending rows, so two runs never take
  the same row). A run killed now has touched no SMTP server: after CLAIM_TIMEOUT the rows go back
  to pending and are sent by a later run.
- sending: committed just before the SMTP transaction of that one message. A run killed during
  that transaction leaves the row "sending": we cannot know whether the server accepted it, and we
  chose *at most once* (the issue: never twice), so after CLAIM_TIMEOUT it becomes "uncertain", is
  reported by the command and is not resent. The window is one SMTP exchange (milliseconds); the
  Message-ID is stable per row, so a human who resends it keeps the same id.
- sent: committed right after the server accepted it.
The server refusing a message (a 4xx reply, or no connection at all) is a clean failure: the row goes
back to pending with an exponential backoff, and fails for good after MAX_ATTEMPTS or on a 5xx reply.
"""
import smtplib
import uuid
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from market.extensions import db
from market.notifications import compose
from market.notifications.mail import Transport
from market.notifications.models import OutgoingEmail
from market.notifications.rules import CLAIM_TIMEOUT, MAX_ATTEMPTS, backoff
from market.types import utcnow


@dataclass
class SendReport:
    counts: Counter = field(default_factory=Counter)

    def __str__(self):
        c = self.counts
        return (f"{c['sent']} envoyé(s), {c['retry']} à réessayer, {c['failed']} en échec, "
                f"{c['cancelled']} annulé(s), {c['uncertain']} incertain(s)")


def send_due(now=None, limit: int = 500, stream: str | None = None) -> SendReport:
    """Send the e-mails that are due; commits after every step (see the module docstring)."""
    now = now or utcnow()
    report = SendReport()
    report.counts["uncertain"] = release_stale_claims(now)
    claim = _claim(now, limit, stream)
    rows = list(db.session.scalars(sa.select(OutgoingEmail).where(OutgoingEmail.claim == claim)
                                   .order_by(OutgoingEmail.id)))
    if not rows:
        return report
    try:
        with Transport() as transport:
            for unit in _units(rows):
                if not _send_unit(transport, unit, now, report):
                    break  # the connection is gone: the rest goes back to the queue below
    except (OSError, smtplib.SMTPException) as exc:  # could not connect or log in: nothing sent
        current_app.logger.warning("SMTP unavailable: %s", exc)
        for row in rows:
            if row.status == "claimed":
                _retry(row, now, f"connexion SMTP impossible : {exc}", report)
    for row in rows:  # left over after a broken connection
        if row.status == "claimed":
            row.status, row.claim = "pending", None
    db.session.commit()
    return report


def release_stale_claims(now) -> int:
    """Rows of a run that died: claimed -> pending (nothing sent); sending -> uncertain (counted)."""
    stale = now - CLAIM_TIMEOUT
    db.session.execute(sa.update(OutgoingEmail).where(OutgoingEmail.status == "claimed",
                                                      OutgoingEmail.claimed_at < stale)
                       .values(status="pending", claim=None))
    uncertain = db.session.execute(
        sa.update(OutgoingEmail).where(OutgoingEmail.status == "sending", OutgoingEmail.claimed_at < stale)
        .values(status="uncertain", last_error="interrompu pendant l'envoi SMTP : non renvoyé (risque de doublon)")
    ).rowcount
    db.session.commit()
    if uncertain:
        current_app.logger.error("%d e-mail(s) interrupted during SMTP: not resent (check by hand)", uncertain)
    return uncertain


def _claim(now, limit, stream) -> str:
    claim = uuid.uuid4().hex
    due = (sa.select(OutgoingEmail.id).where(OutgoingEmail.status == "pending", OutgoingEmail.due_at <= now)
           .order_by(OutgoingEmail.due_at, OutgoingEmail.id).limit(limit))
    if stream:
        due = due.where(OutgoingEmail.stream == stream)
    db.session.execute(sa.update(OutgoingEmail)
                       .where(OutgoingEmail.id.in_(due.scalar_subquery()), OutgoingEmail.status == "pending")
                       .values(status="claimed", claim=claim, claimed_at=now)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return claim


def _units(rows):
    """Immediate e-mails one by one; daily/weekly notices of one person together, in one summary."""
    batched = {}
    for row in rows:
        if row.batch in ("daily", "weekly") and row.stream == "notices":
            batched.setdefault((row.user_id, row.batch), []).append(row)
        else:
            yield [row]
    yield from batched.values()


def _send_unit(transport, unit, now, report) -> bool:
    """Send one message for these rows; False when the connection broke (stop this run)."""
    live = compose.still_wanted(unit)
    for row in unit:
        if row not in live:
            row.status, row.claim = "cancelled", None
            report.counts["cancelled"] += 1
    if not live:
        db.session.commit()
        return True
    try:
        msg = compose.message(live)
    except Exception as exc:  # a broken template must not block the whole queue
        current_app.logger.exception("e-mail %s could not be rendered", live[0].id)
        for row in live:
            row.status, row.last_error, row.claim = "failed", f"rendu impossible : {exc}", None
            report.counts["failed"] += 1
        db.session.commit()
        return True
    for row in live:
        row.status, row.message_id, row.attempts = "sending", msg["Message-ID"], row.attempts + 1
    db.session.commit()  # from here on, a crash leaves "sending": never resent (see above)
    try:
        transport.send(msg)
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
        code = getattr(exc, "smtp_code", 550)
        for row in live:
            if code >= 500 or isinstance(exc, smtplib.SMTPRecipientsRefused):
                row.status, row.last_error, row.claim = "failed", f"refusé par le serveur : {exc}", None
                report.counts["failed"] += 1
            else:
                _retry(row, now, f"refus temporaire : {exc}", report, counted=True)
        db.session.commit()
        return True
    except (OSError, smtplib.SMTPException) as exc:  # cut in the middle: accepted or not, unknown
        for row in live:
            row.status, row.last_error = "uncertain", f"connexion coupée pendant l'envoi : {exc}"
            report.counts["uncertain"] += 1
        db.session.commit()
        return False
    for row in live:
        row.status, row.sent_at, row.claim, row.last_error = "sent", utcnow(), None, ""
        report.counts["sent"] += 1
    db.session.commit()
    return True


def _retry(row, now, error, report, counted=False):
    if not counted:
        row.attempts += 1
    row.claim, row.last_error = None, error
    if row.attempts >= MAX_ATTEMPTS:
        row.status = "failed"
        report.counts["failed"] += 1
    else:
        row.status, row.due_at = "pending", now + backoff(row.attempts)
        report.counts["retry"] += 1
