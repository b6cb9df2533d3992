"""Database engine settings: SQLite in WAL mode with foreign keys enforced."""
from sqlalchemy import event


def enable_sqlite_pragmas(engine):
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
