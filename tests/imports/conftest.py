"""Fixtures for the import tests: write a CSV file, run the import command."""
import pytest


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(text or bytes, name=...) -> path of the file written (text in UTF-8)."""
    def write(content, name="import.csv"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return str(path)
    return write


@pytest.fixture
def run_import(runner, write_csv):
    """run_import("organizations", content, "--skip-invalid") -> click Result."""
    def run(what, content, *options):
        return runner.invoke(args=["market", "import", what, write_csv(content), *options])
    return run
