"""A statement built once, run on a connection in autocommit, its rows read through the driver on PostgreSQL:
SQLAlchemy's execution (cache key, parameters, result set-up) cost ~130 µs of CPU a page more than psycopg's
own for the cards of a page (measured at 100,000 listings); the values are the same (each column's and
parameter's type processing applied, as SQLAlchemy would)."""
from functools import lru_cache

import sqlalchemy as sa

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
