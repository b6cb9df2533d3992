"""market.cache: what one server caches or invalidates in Redis, another sees; in memory, one process alone."""
import os

import pytest

from market.cache import Cache
from market.cache.stores import MemoryStore, RedisStore


@pytest.fixture
def two_servers(redis_url):
    """Two caches on one real redis-server, as two app servers build them."""
    first, second = Cache(RedisStore(redis_url, prefix="test-cache:")), Cache(RedisStore(redis_url, prefix="test-cache:"))
    first.clear()
    yield first, second
    first.clear()
    for cache in (first, second):
        cache.store.client.close()


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value
    return compute, calls


def test_what_one_server_computed_the_other_reads_until_a_write_invalidates_it(two_servers):
    first, second = two_servers
    compute, calls = counting([("annonce", 7, frozenset({"sono", "micro"}))])
    key = (12, frozenset({"b", "a", "c"}))  # a set: the same key in every process, whatever the hash seed
    assert first.remember("matching:equipment", key, compute, 60) == compute()
    calls.clear()
    assert second.remember("matching:equipment", (12, frozenset({"c", "a", "b"})), compute, 60) == compute()
    assert len(calls) == 1  # read, not computed again (the second call above is ours)
    second.remember("matching:premises", 1, compute, 60)
    calls.clear()
    second.invalidate("matching:equipment")
    first.remember("matching:equipment", key, compute, 60)
    first.remember("matching:premises", 1, compute, 60)
    assert len(calls) == 1  # only the invalidated namespace is computed again


def test_one_large_value_is_counted_once_for_every_server(two_servers):
    first, second = two_servers
    compute, calls = counting({"equipment": {"sono": 3}})
    assert first.shared("idf", compute, 60) == second.shared("idf", compute, 60) == {"equipment": {"sono": 3}}
    assert len(calls) == 1
    assert second.shared("idf", compute, 60) is second.shared("idf", compute, 60)  # decoded once per stamp


def test_without_redis_a_page_is_computed_not_refused():
    from tests.fixtures_servers import free_port
    down = Cache(RedisStore(f"redis://127.0.0.1:{free_port()}/0"))
    compute, calls = counting(42)
    assert down.remember("matching:skill", 1, compute, 60) == 42
    down.invalidate("matching:skill")  # logged, not raised
    assert down.remember("matching:skill", 1, compute, 60) == 42 and len(calls) == 2


def test_with_redis_down_the_login_page_still_answers_and_still_limits(tmp_path):
    """Flask-Limiter's storage unreachable used to answer 500 on every login; now each process counts
    meanwhile. In a process of its own: the limiter is one global object, configured once per app."""
    import subprocess
    import sys
    from tests.fixtures_servers import free_port
    script = f"""
import logging
logging.disable(logging.CRITICAL)
from market import create_app
from market.config import TestConfig
from market.extensions import db
app = create_app({{**{{k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}},
                  "RATELIMIT_STORAGE_URI": None, "REDIS_URL": "redis://127.0.0.1:{free_port()}/0",
                  "SQLALCHEMY_DATABASE_URI": "sqlite:///{tmp_path / 'down.sqlite'}", "LOGIN_RATE_LIMIT": "2 per minute",
                  "TESTING": False, "PROPAGATE_EXCEPTIONS": False}})
with app.app_context():
    db.create_all()
client = app.test_client()
print([client.post("/connexion", data={{"email": "a@example.org", "password": "x"}}).status_code for _ in range(3)])
"""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=root)
    assert out.stdout.strip().splitlines()[-1] == "[200, 200, 429]", out.stderr[-2000:]


def test_in_memory_the_process_keeps_its_own():
    cache = Cache(MemoryStore(max_entries=2))
    compute, calls = counting("classement")
    for key in (1, 1, 2, 3, 1):
        cache.remember("matching:equipment", key, compute, 60)
    assert len(calls) == 4  # 1 was dropped when 3 came (two entries at most)
    cache.invalidate("matching:equipment")
    cache.remember("matching:equipment", 1, compute, 60)
    assert len(calls) == 5
