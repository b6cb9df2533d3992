"""Rows written in bulk behind the ORM (an import): COPY on PostgreSQL, one executemany elsewhere.

On PostgreSQL the rows go through `COPY … FROM STDIN` (psycopg formats them in C, the server reads
them as they stream), with their ids taken from the table's sequence first when the caller needs
them: no RETURNING, no arrays of parameters to convert. Columns a row leaves out get their Python
defaults (a callable one is called once per batch), as SQLAlchemy gives them to a plain INSERT.
Everything runs in the session's transaction: a rollback takes the rows back.
"""
import sqlalchemy as sa

from market.extensions import db


def insert_rows(table: sa.Table, rows: list[dict], with_ids: bool = False) -> list[int] | None:
    """Insert `rows` (dicts of column values, the same keys in each) into `table`; their ids, in order,
    when `with_ids`. Never commits."""
    if not rows:
        return [] if with_ids else None
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        if not with_ids:
            connection.execute(sa.insert(table), rows)
            return None
        returning = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [row.id for row in connection.execute(returning, rows)]
    return _copy(connection, table, rows, with_ids)


def _defaults(table: sa.Table, given: list[str]) -> dict:
    values = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None:
            continue
        if default.is_scalar:
            values[column.name] = default.arg
        elif default.is_callable:
            values[column.name] = default.arg(None)  # SQLAlchemy wraps a plain function to take a context
    return values


def _copy(connection, table: sa.Table, rows: list[dict], with_ids: bool) -> list[int] | None:
    names = list(rows[0])
    defaults = _defaults(table, names)
    dialect = connection.dialect
    processors = [(i, process) for i, name in enumerate(names)
                  if (process := table.c[name].type._cached_bind_processor(dialect)) is not None]
    constant = [_processed(table.c[name].type, value, dialect) for name, value in defaults.items()]
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        ids = None
        if with_ids:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           (table.name, len(rows)))
            ids = [row[0] for row in cursor.fetchall()]
        columns = (["id"] if with_ids else []) + names + list(defaults)
        quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in columns)
        with cursor.copy(f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) FROM STDIN") as copy:
            for n, row in enumerate(rows):
                values = [row.get(name) for name in names]
                for i, process in processors:  # UTC datetimes made naive, as the ORM stores them
                    values[i] = process(values[i])
                copy.write_row(([ids[n]] if with_ids else []) + values + constant)
    finally:
        cursor.close()
    return ids


def _processed(type_, value, dialect):
    process = type_._cached_bind_processor(dialect)
    return process(value) if process is not None else value
