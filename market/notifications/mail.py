"""Sending e-mail: through SMTP when configured, else as .eml files in the outbox folder."""
import os
import smtplib
import uuid
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from flask import current_app, has_request_context, render_template

# Lines up to RFC 5322's hard limit of 998: with the default 78, a header too long to fold at a space
# (List-Unsubscribe: <https://…long link…>) is RFC 2047-encoded, and mail providers no longer see the link.
MAIL_POLICY = policy.default.clone(max_line_length=998)


def build_message(to: str, subject: str, text: str, html: str | None = None, headers=None,
                  message_id: str | None = None) -> EmailMessage:
    """A plain-text e-mail with an optional HTML alternative; `message_id` fixed by the caller or new."""
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.now(timezone.utc))  # "+0000": UTC; "-0000" would say "zone unknown"
    msg["Message-ID"] = message_id or make_msgid(domain="reseau-ess.example")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def deliver(msg: EmailMessage) -> None:
    with Transport() as transport:
        transport.send(msg)


class Transport:
    """One SMTP connection for several messages (or the outbox folder when MAIL_SERVER is empty).

    Opening it raises OSError/SMTPException when the server cannot be reached: nothing was sent.
    """

    def __init__(self):
        self.cfg = current_app.config
        self.smtp = None

    def __enter__(self):
        cfg = self.cfg
        if cfg.get("MAIL_SERVER"):
            self.smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg.get("MAIL_TIMEOUT", 10))
            if cfg.get("MAIL_USE_TLS"):
                self.smtp.starttls()
            if cfg.get("MAIL_USERNAME"):
                self.smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        return self

    def send(self, msg: EmailMessage) -> None:
        if self.smtp is None:
            os.makedirs(self.cfg["MAIL_OUTBOX"], exist_ok=True)
            path = os.path.join(self.cfg["MAIL_OUTBOX"], f"{uuid.uuid4().hex}.eml")
            with open(path, "wb") as fh:
                fh.write(msg.as_bytes())
            return
        self.smtp.send_message(msg)

    def __exit__(self, *exc):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
        return False


def send_template(to: str, subject: str, template: str, **context) -> bool:
    """Render `emails/<template>.txt` and `.html` and send; False (logged) when delivery fails."""
    if has_request_context():
        text, html = _render(template, context)
    else:  # a command: links are built from BASE_URL
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            text, html = _render(template, context)
    try:
        deliver(build_message(to, subject, text, html))
    except (OSError, smtplib.SMTPException):
        current_app.logger.exception("E-mail to %s could not be sent", to)
        return False
    return True


def _render(template, context):
    return (render_template(f"emails/{template}.txt", **context),
            render_template(f"emails/{template}.html", **context))
