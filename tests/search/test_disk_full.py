"""A full disk under the index folder: the listing is saved, the index catches up by itself once there is room."""
import os
import subprocess

import pytest

from market.extensions import db
from market.listings.models import Listing
from market.search.check import check
from market.search.service import search_listings
from tests.factories import make_listing, make_org, make_user
from tests.search.fileindex import file_index_in


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs of its own (mounting needs root, which CI has), unmounted afterwards."""
    if os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("mounting a tmpfs needs root: CI runs the tests as root")
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def index_on_small_disk(app, small_disk):
    with file_index_in(app, small_disk / "index") as index:
        yield index


def fill(folder) -> str:
    """Write until the disk refuses (ENOSPC), to the last byte."""
    path = os.path.join(folder, "FILLER")
    for step in (65536, 512, 1):
        try:
            with open(path, "ab") as fh:
                while True:
                    fh.write(b"\0" * step)
                    fh.flush()
        except OSError:
            pass
    return path


def test_a_post_on_a_full_disk_is_saved_and_found_once_there_is_room(index_on_small_disk, small_disk):
    user = make_user()
    org = make_org(user)
    make_listing(user, org, title="Barnum de 6 mètres")
    index_on_small_disk.rebuild()
    filler = fill(small_disk)

    posted = make_listing(user, org, title="Friteuse à prêter pour la fête")  # committed while the disk is full

    assert db.session.get(Listing, posted.id).title == "Friteuse à prêter pour la fête"  # the post is saved
    assert index_on_small_disk.unsaved_count() == 1  # kept in memory: nothing to write it to
    assert search_listings({"q": "friteuse"}).total == 0  # the index is behind, and says so
    assert not check(index_on_small_disk).ok
    assert search_listings({"q": "barnum"}).total == 1  # and still answers

    os.remove(filler)  # room again: no reindex, no restart
    assert index_on_small_disk.wait_idle(timeout=30)
    found = search_listings({"q": "friteuse"})
    assert found.engine == "index" and [l.id for l in found.items] == [posted.id]
    assert check(index_on_small_disk).ok
