"""Database engine settings: SQLite in WAL mode with foreign keys enforced; PostgreSQL connections
checked at checkout without a round trip unless the server has said something."""
import select

from sqlalchemy import event, exc


def enable_sqlite_pragmas(engine):
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


QUIET = 0  # poll() found nothing on the socket: the server has neither written nor closed


def _server_spoke(dbapi_connection) -> bool:
    """Whether the server wrote to (or closed) this idle connection: on a restart or a terminated
    backend it sends its last message and closes, which makes the socket readable at once."""
    if dbapi_connection.closed:
        return True
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(QUIET))


def check_connections_at_checkout(engine):
    """`pool_pre_ping` without its `SELECT 1` at every checkout (a round trip and a query of the
    server's on every page): an idle connection whose socket has nothing to read is as the server left
    it; one with something to read is pinged, and replaced if the ping fails (the pool retries)."""
    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection, _record, _proxy):
        if not _server_spoke(dbapi_connection):
            return
        if dbapi_connection.closed:
            raise exc.DisconnectionError("connection closed")
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            dbapi_connection.rollback()  # the ping's transaction (psycopg opens one) ends here
        except Exception as error:  # the server is gone or restarted: a fresh connection, or the next error
            raise exc.DisconnectionError(str(error)) from error
