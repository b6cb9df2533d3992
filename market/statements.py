"""Reading outside the request's transaction, on a connection in autocommit (pages that only read): no BEGIN
nor ROLLBACK round trips, and PostgreSQL keeps the statements prepared (psycopg forgets its prepared
statements at every ROLLBACK, so a page's query was planned again each time). Each statement sees what was
committed when it runs, as in the request's transaction (READ COMMITTED).

- `autocommit_rows`: a statement built once, its rows read through the driver on PostgreSQL (SQLAlchemy's
  execution cost ~130 µs of CPU more than psycopg's own for the cards of a page; the values are the same,
  each column's and parameter's type processing applied as SQLAlchemy would);
- `reading_session()`: an ORM session of the request on such a connection, closed with the request; what it
  loads is for showing, never for changing (it is never flushed nor committed).
"""
from functools import lru_cache

import sqlalchemy as sa
from flask import g
from sqlalchemy.orm import Session

from market.extensions import db


@lru_cache(maxsize=256)
def _prepared(stmt: sa.Select, dialect):
    """The SQL text of `stmt` for `dialect`, with its parameters' and columns' type processing."""
    compiled = stmt.compile(dialect=dialect)
    binds = {name: processor for bind, name in compiled.bind_names.items()
             if (processor := bind.type.bind_processor(dialect)) is not None}
    results = tuple((n, processor) for n, column in enumerate(stmt.selected_columns)
                    if (processor := column.type.result_processor(dialect, None)) is not None)
    return compiled, str(compiled), binds, results


def _converted(rows, results) -> list[tuple]:
    if not results:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for n, processor in results:
            row[n] = processor(row[n])
        out.append(tuple(row))
    return out


def autocommit_rows(stmt: sa.Select, params: dict) -> list[tuple]:
    """The rows of `stmt` (tuples, in its columns' order), read outside the request's transaction on a
    connection in autocommit: no BEGIN nor ROLLBACK, and PostgreSQL keeps the statement prepared (psycopg
    forgets its prepared statements at every ROLLBACK, so the plan was made again for each page)."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if connection.dialect.name != "postgresql":
            return [tuple(row) for row in connection.execute(stmt, params)]
        compiled, sql, binds, results = _prepared(stmt, connection.dialect)
        values = compiled.construct_params(params)
        for name, processor in binds.items():
            values[name] = processor(values[name])
        with connection.connection.dbapi_connection.cursor() as cursor:
            cursor.execute(sql, values)
            return _converted(cursor.fetchall(), results)


def reading_session() -> Session:
    """The request's session for reading only (see the module's docstring), opened at its first use; on
    SQLite the request's own session (its driver sends no BEGIN before a read: nothing to save there)."""
    if db.engine.dialect.name != "postgresql":
        return db.session
    found = g.get("_reading_session")
    if found is None:
        connection = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        found = g._reading_session = Session(bind=connection, autoflush=False)
    return found


def init_app(app):
    @app.teardown_request  # at the end of each request, even where an app context outlives it (tests, commands)
    def _close_reading_session(_exc):
        session = g.pop("_reading_session", None)
        if session is not None:
            connection = session.bind
            session.close()
            connection.close()
