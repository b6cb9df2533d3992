"""Configuration read from the environment (prefix MARKET_), with a test variant."""
import os
from datetime import timedelta

DEV_SECRET = "dev-only-not-secret"


def _env(name, default=None):
    return os.environ.get(f"MARKET_{name}", default)


def _database_url(instance_path):
    url = os.environ.get("DATABASE_URL") or _env("DATABASE_URL")
    if url and url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url or f"sqlite:///{os.path.join(instance_path, 'market.sqlite')}"


class Config:
    ENV_NAME = _env("ENV", "development")
    SECRET_KEY = _env("SECRET_KEY", DEV_SECRET)
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = ("fr", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env("COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Several app servers: caches (market/cache) and, unless RATELIMIT_STORAGE_URI says otherwise, rate limits
    REDIS_URL = _env("REDIS_URL")  # redis://host:6379/0; unset: caches live in each process
    # "database": counters in the application database, shared by every worker (market/ratelimit.py);
    # redis://host:port/0 with several servers; memory:// only for a single process.
    # Unset: REDIS_URL when set, else "database".
    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI")
    RATELIMIT_HEADERS_ENABLED = True
    # Storage unreachable (Redis down): each process counts in memory meanwhile, instead of a 500
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    LOGIN_RATE_LIMIT = _env("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    API_RATE_LIMIT = _env("API_RATE_LIMIT", "120 per minute;3000 per hour")  # per token, or per address without one
    MAIL_SERVER = _env("MAIL_SERVER")  # empty: e-mails are written to instance/outbox/
    MAIL_PORT = int(_env("MAIL_PORT", "25"))
    MAIL_USERNAME = _env("MAIL_USERNAME")
    MAIL_PASSWORD = _env("MAIL_PASSWORD")
    MAIL_USE_TLS = _env("MAIL_USE_TLS", "0") == "1"
    MAIL_SENDER = _env("MAIL_SENDER", "Réseau ESS <ne-pas-repondre@reseau-ess.example>")
    MAIL_OUTBOX = _env("MAIL_OUTBOX")  # folder for .eml files; default instance/outbox
    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default cost (n=2**15)
    PASSWORD_RESET_MAX_AGE = 3600 * 2
    INVITATION_MAX_AGE = 3600 * 24 * 14
    SIGNUP_CONFIRM_MAX_AGE = 3600 * 24 * 3
    LISTING_DEFAULT_DAYS = 60
    LISTING_REMINDER_DAYS = 7
    REPORTS_TO_HIDE = 3
    PER_PAGE = 20
    SEARCH_INDEX_DIR = _env("SEARCH_INDEX_DIR")  # default instance/search-index
    UPLOADS_DIR = _env("UPLOADS_DIR")  # default instance/uploads; one folder every app server mounts
    SEARCH_STORAGE = _env("SEARCH_STORAGE", "file")  # "file" or "ram"
    # "whoosh": a local index following the database (any database); "postgres": the database's own
    # full-text search (PostgreSQL only: several app servers share it)
    SEARCH_BACKEND = _env("SEARCH_BACKEND", "whoosh")
    # "postgres": the counts of a search kept in the shared cache (REDIS_URL) until a write changes them
    SEARCH_PG_CACHE = _env("SEARCH_PG_CACHE", "1") != "0"
    SITE_NAME = _env("SITE_NAME", "Entraide ESS Vichy")
    # Volunteer hours are valued at this hourly rate in cents (the gross hourly SMIC, as Bénévalibre does)
    EVENTS_HOURLY_VALUATION_CENTS = int(_env("EVENTS_HOURLY_VALUATION_CENTS", "1202"))
    BASE_URL = _env("BASE_URL", "http://127.0.0.1:5000")  # for links in e-mails sent by commands
    # Map tiles: a URL template ({z}/{x}/{y}); unset = OpenStreetMap's in production, none elsewhere; "" = none
    MAP_TILE_URL = _env("MAP_TILE_URL")
    MAP_TILE_ATTRIBUTION = _env("MAP_TILE_ATTRIBUTION")


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret"
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    REDIS_URL = None  # caches in the test process (tests/servers/ start a real Redis of their own)
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # same KDF, cheap cost: tests create many accounts
    LOGIN_RATE_LIMIT = "1000 per minute"  # tests lower it where they check the limit
    API_RATE_LIMIT = "100000 per minute"
    SEARCH_STORAGE = "ram"
    SERVER_NAME = None


def finish(app):
    """Fill values that depend on the instance folder and refuse unsafe production settings."""
    cfg = app.config
    if not cfg.get("SQLALCHEMY_DATABASE_URI"):
        cfg["SQLALCHEMY_DATABASE_URI"] = _database_url(app.instance_path)
    cfg.setdefault("MAIL_OUTBOX", None)
    cfg["MAIL_OUTBOX"] = cfg["MAIL_OUTBOX"] or os.path.join(app.instance_path, "outbox")
    cfg["SEARCH_INDEX_DIR"] = cfg.get("SEARCH_INDEX_DIR") or os.path.join(app.instance_path, "search-index")
    if cfg["ENV_NAME"] == "production":
        if not cfg["SECRET_KEY"] or cfg["SECRET_KEY"] == DEV_SECRET or len(cfg["SECRET_KEY"]) < 24:
            raise RuntimeError("MARKET_SECRET_KEY must be set to a long random value in production.")
        cfg["SESSION_COOKIE_SECURE"] = cfg["REMEMBER_COOKIE_SECURE"] = True
    if not cfg.get("RATELIMIT_STORAGE_URI"):
        cfg["RATELIMIT_STORAGE_URI"] = cfg.get("REDIS_URL") or "database"
    if cfg["RATELIMIT_STORAGE_URI"] == "database":
        cfg["RATELIMIT_STORAGE_URI"] = "marketdb://"
        cfg["RATELIMIT_STORAGE_OPTIONS"] = {"url": cfg["SQLALCHEMY_DATABASE_URI"]}
    if cfg["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        cfg["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    elif cfg["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # checked at checkout without a round trip instead (market/db_setup.check_connections_at_checkout)
        cfg["SQLALCHEMY_ENGINE_OPTIONS"] = {k: v for k, v in cfg["SQLALCHEMY_ENGINE_OPTIONS"].items()
                                            if k != "pool_pre_ping"}
    _check_search_backend(cfg)


SEARCH_BACKENDS = ("whoosh", "postgres")


def _check_search_backend(cfg):
    backend = cfg.get("SEARCH_BACKEND") or "whoosh"
    if backend not in SEARCH_BACKENDS:
        raise RuntimeError(f"MARKET_SEARCH_BACKEND={backend!r} is unknown: use 'whoosh' or 'postgres'.")
    if backend == "postgres" and not cfg["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        raise RuntimeError("MARKET_SEARCH_BACKEND=postgres needs a PostgreSQL database (DATABASE_URL=postgresql://…); "
                           "this database is not PostgreSQL: leave MARKET_SEARCH_BACKEND unset (whoosh).")
    cfg["SEARCH_BACKEND"] = backend
