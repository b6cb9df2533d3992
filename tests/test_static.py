"""Static files: the site's script must parse, or every progressive enhancement silently disappears."""
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(__file__))


def test_app_js_parses():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: scripts/setup --test installs it")
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--check", os.path.join(ROOT, "static", "js", "app.js")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
