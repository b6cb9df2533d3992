"""Fixtures of the notification tests: an SMTP server that refuses on demand, a dead SMTP port."""
import email
import email.policy

import pytest

from tests.fixtures_servers import free_port


@pytest.fixture
def flaky_smtp(app):
    """A real SMTP server on 127.0.0.1 whose answer to DATA the test chooses (`.reply`)."""
    from aiosmtpd.controller import Controller

    class Handler:
        reply = "250 OK"
        received = []

        async def handle_DATA(self, server, session, envelope):
            if self.reply.startswith("250"):
                self.received.append(email.message_from_bytes(envelope.original_content,
                                                              policy=email.policy.default))
            return self.reply

    handler = Handler()
    handler.received = []
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    old = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    try:
        yield handler
    finally:
        app.config.update(old)
        controller.stop()


@pytest.fixture
def dead_smtp(app):
    """MAIL_SERVER points to a port where nobody listens (connection refused)."""
    old = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    yield
    app.config.update(old)
