"""The geo tests are pure Python: no Flask app, no database (overrides the autouse fixture)."""
import pytest


@pytest.fixture(autouse=True)
def _app_context():
    """Replaces tests/conftest.py's fixture of the same name, which builds the app and database."""
    yield
