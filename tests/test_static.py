"""Static files: the site's scripts must parse, or every progressive enhancement silently disappears."""
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(__file__))


SCRIPTS = sorted(name for name in os.listdir(os.path.join(ROOT, "static", "js")) if name.endswith(".js"))


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_parses(name):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: scripts/setup --test installs it")
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--check", os.path.join(ROOT, "static", "js", name)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_the_scripts_the_pages_load_are_all_checked():
    assert {"app.js", "fragments.js", "drafts.js"} <= set(SCRIPTS)  # an empty or renamed folder would check nothing
