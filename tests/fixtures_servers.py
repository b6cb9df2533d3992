"""Fixtures for real servers: PostgreSQL URL and Redis (never silently skipped in CI), SMTP on 127.0.0.1."""
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


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real redis-server on a free 127.0.0.1 port, for the session; fails in CI when it is not installed."""
    import shutil
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") or os.environ.get("MARKET_REQUIRE_POSTGRES"):
            pytest.fail("redis-server is not installed (scripts/setup --test installs it)")
        pytest.skip("redis-server is not installed (run ./scripts/test)")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        for _ in range(200):
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                time.sleep(0.02)
        else:
            pytest.fail("redis-server did not answer PING")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
