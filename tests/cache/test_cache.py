"""The shared cache itself (market/cache), on this process's memory and on a real redis-server: what a
page computed is served again, a write invalidates it after its commit, a rollback does not."""
import uuid

import pytest

from market.cache import Cache
from market.cache.stores import MemoryStore, RedisStore
from market.extensions import db


@pytest.fixture(params=["memory", "redis"])
def two_caches(request):
    """Two caches as two app servers hold them: one memory each, or one Redis for both."""
    if request.param == "memory":
        return Cache(MemoryStore()), None
    url = request.getfixturevalue("redis_url")
    prefix = f"test-{uuid.uuid4().hex[:8]}:"
    return Cache(RedisStore(url, prefix=prefix)), Cache(RedisStore(url, prefix=prefix))


def test_a_value_is_computed_once_then_served_until_its_namespace_is_invalidated(two_caches):
    cache, _other = two_caches
    calls = []
    compute = lambda: calls.append(1) or {"ids": [3, 1, 2]}  # noqa: E731

    assert cache.remember("ressourcerie:open", "ordinateur", compute, ttl=60) == {"ids": [3, 1, 2]}
    assert cache.remember("ressourcerie:open", "ordinateur", compute, ttl=60) == {"ids": [3, 1, 2]}
    assert len(calls) == 1

    cache.invalidate("ressourcerie:open")
    cache.remember("ressourcerie:open", "ordinateur", compute, ttl=60)
    assert len(calls) == 2


def test_keys_and_namespaces_keep_their_values_apart(two_caches):
    cache, _other = two_caches
    cache.remember("a", ("pc", 1), lambda: "first", ttl=60)
    assert cache.remember("a", ("pc", 2), lambda: "second", ttl=60) == "second"
    assert cache.remember("b", ("pc", 1), lambda: "third", ttl=60) == "third"
    cache.invalidate("b")
    assert cache.remember("a", ("pc", 1), lambda: "again", ttl=60) == "first"


def test_an_entry_depending_on_narrower_namespaces_goes_with_any_of_them_only(two_caches):
    cache, other = two_caches
    other = other or cache
    search = lambda value: cache.remember("search", "sono", lambda: value, 60, depends=["w:sono", "w:micro"])  # noqa
    assert search("first") == "first"
    other.invalidate("w:tente", "w:velo")  # a write of other words, on the other server
    assert search("again") == "first"
    other.invalidate("w:tente", "w:micro")
    assert search("after micro") == "after micro"
    other.invalidate("search")  # the whole namespace still drops it
    assert search("after all") == "after all"


def test_two_servers_on_one_redis_share_values_and_invalidations(redis_url):
    first, second = (Cache(RedisStore(redis_url, prefix="test-two:")) for _ in range(2))
    first.remember("matching:equipment", 7, lambda: ["ranking"], ttl=60)
    assert second.remember("matching:equipment", 7, lambda: ["computed again"], ttl=60) == ["ranking"]
    second.invalidate("matching:equipment")
    assert first.remember("matching:equipment", 7, lambda: ["new ranking"], ttl=60) == ["new ranking"]


def test_a_shared_value_is_computed_by_the_first_server_only(two_caches):
    first, second = two_caches
    if second is None:
        second = first
    assert first.shared("rarities", lambda: {"sono": 2}, ttl=60) == {"sono": 2}
    assert second.shared("rarities", lambda: {"sono": 99}, ttl=60) == {"sono": 2}


def test_a_committed_batch_invalidates_the_ressourcerie_answers_and_a_rollback_does_not(app):
    from tests.factories import make_batch, make_org, make_user
    cache = app.extensions["cache"]
    kept = lambda: cache.remember("ressourcerie:open", "pc", lambda: object(), ttl=60)  # noqa: E731
    before = kept()

    giver = make_user("mutuelle@example.org", "Mathilde Mutuelle")
    with app.test_request_context():  # the service speaks French
        batch = make_batch(giver, make_org(giver, name="Mutuelle des Sources"), photos=0)  # commits
        after_commit = kept()
        assert after_commit is not before

        batch.title = "Autre titre"
        db.session.flush()
        db.session.rollback()
    assert kept() is after_commit
