"""Fixtures for real servers: PostgreSQL URL (never silently skipped in CI) and SMTP on 127.0.0.1."""
import os
import socket

import pytest


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("MARKET_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") or os.environ.get("MARKET_REQUIRE_POSTGRES"):
            pytest.fail("MARKET_TEST_POSTGRES_URL is not set: scripts/test starts a PostgreSQL server for this.")
        pytest.skip("no PostgreSQL server (run ./scripts/test)")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; yields the list of received messages (parsed), whose
    `.raw` lists the bytes as they arrived, for what a parser would hide."""
    import email
    import email.policy

    from aiosmtpd.controller import Controller

    class Received(list):
        raw: list

    received = Received()
    received.raw = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.raw.append(envelope.original_content)
            received.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    old = {k: app.config.get(k) for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    try:
        yield received
    finally:
        app.config.update(old)
        controller.stop()
