"""Sending one e-mail: through SMTP when configured, else as a .eml file in the outbox folder."""
import os
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, has_request_context, render_template


def build_message(to: str, subject: str, text: str, html: str | None = None, headers=None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_SENDER"]
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="reseau-ess.example")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def deliver(msg: EmailMessage) -> None:
    cfg = current_app.config
    if not cfg.get("MAIL_SERVER"):
        os.makedirs(cfg["MAIL_OUTBOX"], exist_ok=True)
        path = os.path.join(cfg["MAIL_OUTBOX"], f"{uuid.uuid4().hex}.eml")
        with open(path, "wb") as fh:
            fh.write(msg.as_bytes())
        return
    with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=10) as smtp:
        if cfg.get("MAIL_USE_TLS"):
            smtp.starttls()
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        smtp.send_message(msg)


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
