"""Where cached values live: this process's memory, or a Redis server that every app server reads."""
import logging
import pickle
import threading
import time
from collections import OrderedDict

log = logging.getLogger(__name__)


class MemoryStore:
    """This process's memory: what another worker or server computes, it keeps apart.

    Values are kept as the objects themselves (no copy): never change what `get_many` returns.
    """

    kind = "memory"

    def __init__(self, max_entries: int = 5000):  # a ranking is ~15 small tuples: a few MB at most
        self.max_entries = max_entries
        self._entries: "OrderedDict[str, tuple[float, object]]" = OrderedDict()
        self._counters: dict[str, int] = {}  # generations: never dropped, or old entries would count again
        self._lock = threading.Lock()

    def encode(self, value):
        return value

    def decode(self, raw):
        return raw

    def get_many(self, keys: list[str]) -> list:
        now = time.monotonic()
        out = []
        with self._lock:
            for key in keys:
                if key in self._counters:
                    out.append(self._counters[key])
                    continue
                found = self._entries.get(key)
                if found is None or found[0] <= now:
                    out.append(None)
                else:
                    self._entries.move_to_end(key)
                    out.append(found[1])
        return out

    def set(self, key: str, value, ttl: float, only_new: bool = False) -> bool:
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if only_new and found is not None and found[0] > now:
                return False
            self._entries[key] = (now + ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return True

    def incr_many(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._counters[key] = self._counters.get(key, 0) + 1

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._counters.clear()


class RedisStore:
    """A Redis server shared by every app server; keys under `prefix`, values pickled.

    Redis unreachable: reads are misses (the caller computes), writes are dropped, and
    Redis is left alone for RETRY_SECONDS rather than slowing every request by a timeout.
    """

    kind = "redis"
    RETRY_SECONDS = 5.0

    def __init__(self, url: str, prefix: str = "market:"):
        import redis
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.prefix, self.errors = prefix, redis.RedisError
        self._down_until = 0.0

    def encode(self, value) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def decode(self, raw):
        return pickle.loads(raw)  # noqa: S301 - Redis is as private as the database (README)

    def _call(self, what, default, *args, **kwargs):
        return self._call_on(self.client, what, default, *args, **kwargs)

    def _call_on(self, target, what, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(target, what)(*args, **kwargs)
        except self.errors as exc:
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            log.warning("cache: Redis unavailable (%s); computing here for %.0f s", exc, self.RETRY_SECONDS)
            return default

    def get_many(self, keys: list[str]) -> list:
        return self._call("mget", [None] * len(keys), [self.prefix + k for k in keys])

    def set(self, key: str, value, ttl: float, only_new: bool = False) -> bool:
        return bool(self._call("set", None, self.prefix + key, value, px=max(int(ttl * 1000), 1), nx=only_new))

    def incr_many(self, keys: list[str]) -> None:
        """One round trip, however many keys (a listing's words)."""
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.incr(self.prefix + key)
        self._call_on(pipe, "execute", None)

    def clear(self) -> None:
        """Every key of this app (tests): SCAN, never FLUSHDB (the rate limits may share the database)."""
        keys = list(self.client.scan_iter(match=self.prefix + "*", count=1000))
        for start in range(0, len(keys), 1000):
            self.client.delete(*keys[start:start + 1000])
