"""Caches every app server agrees on: in Redis when MARKET_REDIS_URL is set, in this process otherwise.

- `remember(namespace, key, compute, ttl)`: a value by key within a namespace (a listing's
  ranked suggestions within "matching:equipment"). `invalidate(namespace)` bumps the namespace's
  generation: every entry written before it is ignored from then on, by every server reading
  the same Redis. An entry may also depend on narrower namespaces (`depends`: the words of a
  search), each with its generation: a write bumps only those it touches. Writes invalidate by
  themselves: `watch(Model, namespaces_of)` (market.cache.hooks) names the namespaces a committed
  change of a row touches.
- `shared(name, compute, ttl)`: one large value (the matching's term rarities) computed by one
  server for all; each process keeps the decoded copy while the value's stamp is unchanged.

What stays in each process on purpose, because every server computes the same thing from the
same input: memos of pure functions (`lru_cache` on words, communes within a radius, a listing
row's facts keyed by the whole row), data shipped with the code (the communes, the analyzer),
and what is read from the shared search index (facet bitsets, refreshed when its stamp changes).
"""
import hashlib
import logging
import uuid

from flask import current_app

from market.cache.stores import MemoryStore, RedisStore

__all__ = ["Cache", "get_cache", "init_app", "invalidate", "remember", "shared"]
log = logging.getLogger(__name__)


def _canonical(value):
    """The same text for the same key in every process (sets sorted: their order follows the hash seed)."""
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    return repr(value)


def digest(key) -> str:
    return hashlib.blake2b(_canonical(key).encode("utf-8"), digest_size=16).hexdigest()


class Cache:
    def __init__(self, store):
        self.store = store
        self.stats = {"hits": 0, "misses": 0}
        self._local: dict[str, tuple] = {}  # shared(): name -> (stamp, decoded value)

    def remember(self, namespace: str, key, compute, ttl: float, fresh=None, depends=()):
        """The value cached under `key` in `namespace`, or `compute()` (then cached for `ttl` seconds);
        `fresh(value)`: False when a cached value has outlived what it depends on (a date passed);
        `depends`: more namespaces whose invalidation drops it (one read for all of them)."""
        entry_key = f"{namespace}:{digest(key)}"
        *generations, raw = self.store.get_many([f"gen:{n}" for n in (namespace, *depends)] + [entry_key])
        generations = tuple(int(g or 0) for g in generations)
        found = self._decode(raw)
        if found is not None:
            written_in, value = found
            if written_in == generations and (fresh is None or fresh(value)):
                self.stats["hits"] += 1
                return value
        self.stats["misses"] += 1
        value = compute()  # an invalidation meanwhile bumps a generation: this entry is then ignored
        self.store.set(entry_key, self.store.encode((generations, value)), ttl)
        return value

    def invalidate(self, *namespaces: str) -> None:
        if namespaces:
            self.store.incr_many([f"gen:{namespace}" for namespace in namespaces])

    def shared(self, name: str, compute, ttl: float):
        """One value for every server: computed by the first who finds it missing, for `ttl` seconds."""
        stamp_key = f"{name}:stamp"
        stamp = _text(self.store.get_many([stamp_key])[0])
        local = self._local.get(name)
        if stamp is not None:
            if local is not None and local[0] == stamp:
                return local[1]
            found = self._decode(self.store.get_many([f"{name}:{stamp}"])[0])
            if found is not None:
                self._local[name] = (stamp, found[0])
                return found[0]
        if local is not None and not self.store.set(f"{name}:computing", "1", min(ttl, 60), only_new=True):
            return local[1]  # another worker is counting: the previous value meanwhile
        value, stamp = compute(), uuid.uuid4().hex
        self.store.set(f"{name}:{stamp}", self.store.encode((value,)), ttl + 60)  # outlives its stamp
        self.store.set(stamp_key, stamp, ttl)
        self._local[name] = (stamp, value)
        return value

    def _decode(self, raw):
        """The stored tuple, or None: missing, or written by another version of the code (a rolling
        deploy: old and new servers share the Redis), which is then computed again."""
        if raw is None:
            return None
        try:
            return self.store.decode(raw)
        except Exception as exc:  # noqa: BLE001 - a cache never breaks a page
            log.info("cache: an entry could not be read (%s); computed again", exc)
            return None

    def clear(self) -> None:
        self.store.clear()
        self._local.clear()


def _text(raw):
    return raw.decode("ascii") if isinstance(raw, bytes) else raw


def init_app(app) -> Cache:
    url = app.config.get("REDIS_URL")
    store = RedisStore(url, prefix=app.config.get("CACHE_PREFIX", "market:")) if url else MemoryStore()
    app.extensions["cache"] = cache = Cache(store)
    from market.cache import hooks
    from market.extensions import db
    hooks.register(db.session)
    return cache


def get_cache(app=None) -> Cache:
    return (app or current_app).extensions["cache"]


def remember(namespace: str, key, compute, ttl: float, fresh=None, depends=()):
    return get_cache().remember(namespace, key, compute, ttl, fresh, depends)


def invalidate(*namespaces: str) -> None:
    get_cache().invalidate(*namespaces)


def shared(name: str, compute, ttl: float):
    return get_cache().shared(name, compute, ttl)
