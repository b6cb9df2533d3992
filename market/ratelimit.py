"""Rate-limit counters in the application database, shared by every worker when no Redis is configured.

Flask-Limiter counts through a `limits` storage. Its `memory://` storage lives in one process, so
two gunicorn workers allowed twice the tries. This storage (scheme `marketdb://`, chosen by
`MARKET_RATELIMIT_STORAGE_URI=database`, the default without `MARKET_REDIS_URL`) keeps fixed-window counters in one table;
each increment is a single `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` statement, atomic in
SQLite and PostgreSQL alike. With `redis://…` (or `MARKET_REDIS_URL` alone) the counters live in Redis instead.
"""
import random
import time

import sqlalchemy as sa
from limits.storage import Storage

from market.extensions import db

rate_limit_counters = sa.Table(
    "rate_limit_counters", db.metadata,
    sa.Column("key", sa.String(255), primary_key=True),
    sa.Column("count", sa.Integer(), nullable=False),
    sa.Column("expires_at", sa.Float(), nullable=False),  # a Unix time, as `limits` gives it
)

_INCR = sa.text(
    "INSERT INTO rate_limit_counters (key, count, expires_at) VALUES (:key, :amount, :expires) "
    "ON CONFLICT (key) DO UPDATE SET "
    "count = CASE WHEN rate_limit_counters.expires_at <= :now THEN :amount "
    "ELSE rate_limit_counters.count + :amount END, "
    "expires_at = CASE WHEN rate_limit_counters.expires_at <= :now THEN :expires "
    "ELSE rate_limit_counters.expires_at END "
    "RETURNING count")


class DatabaseStorage(Storage):
    """Fixed-window counters in the `rate_limit_counters` table (storage options: `url`, the database URL)."""

    STORAGE_SCHEME = ["marketdb"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, url: str = "", **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        if url.startswith("postgresql"):
            from market.db_setup import check_connections_at_checkout
            self.engine = sa.create_engine(url)
            check_connections_at_checkout(self.engine)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True)

    @property
    def base_exceptions(self):
        return sa.exc.SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self.engine.begin() as conn:
            count = conn.execute(_INCR, {"key": key[:255], "amount": amount, "now": now,
                                         "expires": now + expiry}).scalar_one()
            if random.random() < 0.01:  # now and then, forget windows long over
                conn.execute(rate_limit_counters.delete().where(rate_limit_counters.c.expires_at < now))
        return count

    def _row(self, key: str):
        with self.engine.connect() as conn:
            return conn.execute(sa.select(rate_limit_counters.c.count, rate_limit_counters.c.expires_at)
                                .where(rate_limit_counters.c.key == key[:255])).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row is not None and row.expires_at > time.time() else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row is not None and row.expires_at > time.time() else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            return True
        except sa.exc.SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(rate_limit_counters.delete()).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(rate_limit_counters.delete().where(rate_limit_counters.c.key == key[:255]))
