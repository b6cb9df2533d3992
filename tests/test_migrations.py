"""Migrations: one head, and upgrading an empty database gives exactly the models' schema."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from market.extensions import db
from market.search.pg.schema import include_object


def _script(app):
    config = app.extensions["migrate"].migrate.get_config(app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config)


def test_single_head(app):
    heads = _script(app).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads}"


def test_upgraded_database_matches_the_models(app):
    # the session database was built by `flask db upgrade` in conftest
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "render_item": None, "include_object": include_object})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_database_is_at_head(app):
    with db.engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
    assert set(current) == set(_script(app).get_heads())


