"""Rate limits count once for all workers: counters in the database (default) or in Redis."""
import os
import threading
from types import SimpleNamespace

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from market.config import Config, finish
from market.ratelimit import DatabaseStorage

LOGIN = parse("10 per minute")


@pytest.fixture
def database_storages(app, database_url):
    """Two storages on the test database, as two gunicorn workers would each build one."""
    first, second = (storage_from_string("marketdb://", url=database_url) for _ in range(2))
    first.reset()
    yield first, second
    first.reset()
    for storage in (first, second):
        storage.engine.dispose()


def _finished(tmp_path, **values) -> dict:
    """The configuration as create_app finishes it (without building a second app: the limiter is global)."""
    app = SimpleNamespace(config={k: getattr(Config, k) for k in dir(Config) if k.isupper()}, instance_path=str(tmp_path))
    app.config.update(values)
    finish(app)
    return app.config


def test_the_default_configuration_keeps_counters_in_the_database(tmp_path):
    assert Config.RATELIMIT_STORAGE_URI is None or "MARKET_RATELIMIT_STORAGE_URI" in os.environ
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    for chosen in (None, "database"):
        config = _finished(tmp_path, SQLALCHEMY_DATABASE_URI=url, RATELIMIT_STORAGE_URI=chosen, REDIS_URL=None)
        assert config["RATELIMIT_STORAGE_URI"] == "marketdb://"
        assert config["RATELIMIT_STORAGE_OPTIONS"] == {"url": url}


def test_a_redis_for_the_caches_holds_the_counters_too_unless_told_otherwise(tmp_path):
    url, redis = f"sqlite:///{tmp_path / 'x.sqlite'}", "redis://10.0.0.5:6379/0"
    assert _finished(tmp_path, SQLALCHEMY_DATABASE_URI=url, RATELIMIT_STORAGE_URI=None,
                     REDIS_URL=redis)["RATELIMIT_STORAGE_URI"] == redis
    assert _finished(tmp_path, SQLALCHEMY_DATABASE_URI=url, RATELIMIT_STORAGE_URI="database",
                     REDIS_URL=redis)["RATELIMIT_STORAGE_URI"] == "marketdb://"


def test_two_workers_share_one_count(database_storages):
    worker_a, worker_b = (FixedWindowRateLimiter(s) for s in database_storages)
    allowed = [worker.hit(LOGIN, "login", "203.0.113.7") for worker in [worker_a, worker_b] * 8]
    assert allowed.count(True) == 10  # not 10 per worker
    assert not worker_a.test(LOGIN, "login", "203.0.113.7") and not worker_b.test(LOGIN, "login", "203.0.113.7")
    assert worker_b.test(LOGIN, "login", "198.51.100.1")  # another address has its own count


def test_simultaneous_tries_from_many_workers_are_all_counted(database_storages, database_url):
    storages = [storage_from_string("marketdb://", url=database_url) for _ in range(6)]
    results, barrier = [], threading.Barrier(len(storages))

    def tries(storage):
        limiter = FixedWindowRateLimiter(storage)
        barrier.wait()
        for _ in range(5):
            results.append(limiter.hit(LOGIN, "login", "203.0.113.9"))

    threads = [threading.Thread(target=tries, args=(s,)) for s in storages]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for storage in storages:
        storage.engine.dispose()
    assert len(results) == 30 and results.count(True) == 10
    assert database_storages[0].get("LIMITER/login/203.0.113.9/10/1/minute") == 30


def test_a_window_over_starts_again(database_storages):
    storage = database_storages[0]
    assert isinstance(storage, DatabaseStorage)
    assert storage.incr("k", expiry=60) == 1 and storage.incr("k", expiry=60) == 2
    storage.incr("gone", expiry=-1)  # a window already over
    assert storage.get("gone") == 0 and storage.incr("gone", expiry=60) == 1
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()


def test_with_redis_configured_two_workers_share_one_count(redis_url, tmp_path):
    """MARKET_RATELIMIT_STORAGE_URI=redis://…: the counters live in a real redis-server."""
    assert _finished(tmp_path, RATELIMIT_STORAGE_URI=redis_url)["RATELIMIT_STORAGE_URI"] == redis_url
    storages = [storage_from_string(redis_url) for _ in range(2)]
    storages[0].reset()
    worker_a, worker_b = (FixedWindowRateLimiter(s) for s in storages)
    allowed = [worker.hit(LOGIN, "login", "203.0.113.7") for worker in [worker_a, worker_b] * 8]
    assert allowed.count(True) == 10
    assert not worker_b.test(LOGIN, "login", "203.0.113.7")
    storages[0].reset()
