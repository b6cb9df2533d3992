"""What a worker keeps of the index in memory: segments read in place, words kept within a budget."""
import io
import mmap

import pytest
from hypothesis import given, settings, strategies as st

from market.search.inplace import ViewReader
from tests.search.test_files import _listings

OPS = st.lists(st.one_of(
    st.tuples(st.just("read"), st.integers(-1, 40)),
    st.tuples(st.just("readline"), st.integers(-1, 40)),
    st.tuples(st.just("seek"), st.integers(-50, 300), st.sampled_from([io.SEEK_SET, io.SEEK_CUR, io.SEEK_END])),
    st.tuples(st.just("readinto"), st.integers(0, 40)),
), max_size=30)


def _apply(f, op):
    if op[0] == "seek":
        try:
            return f.seek(op[1], op[2])
        except (ValueError, OSError):
            return "refused"
    if op[0] == "readinto":
        target = bytearray(op[1])
        return f.readinto(target), bytes(target)
    return getattr(f, op[0])(op[1]), f.tell()


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600).map(lambda b: b.replace(b"\x01", b"\n")), ops=OPS)
def test_a_view_reader_reads_what_a_copy_reads(data, ops):
    for buf in (data, memoryview(bytearray(data))):
        copy, view = io.BytesIO(data), ViewReader(buf)
        for op in ops:
            assert _apply(view, op) == _apply(copy, op), op
        assert list(ViewReader(buf)) == list(io.BytesIO(data))


def test_a_file_index_is_searched_through_its_map_without_a_copy(file_index):
    from market.search.service import search_listings
    ids = [listing.id for listing in _listings(5)]
    assert file_index.rebuild()["documents"] == 5
    found = [listing.id for listing in search_listings({"q": "chaise"}, sort="newest").items]
    assert sorted(found) == sorted(ids)
    for leaf, _offset in file_index.searcher().reader().leaf_readers():
        assert leaf.segment().is_compound()
        storage = leaf._storage.a  # the segment's compound file, mapped (over the folder's files)
        for name in storage.list():
            part = storage.open_file(name)
            assert isinstance(part.file, ViewReader)
            assert isinstance(part.file._view.obj, mmap.mmap), name  # a view of the map, not a copy
            part.close()


@pytest.mark.parametrize("search_backend", ["whoosh"], indirect=True)  # whoosh's searcher, whatever the suite's
def test_a_searcher_keeps_a_bounded_number_of_words_and_still_finds_the_others(search_backend, corpus, monkeypatch):
    from market.search import masks
    from market.search.service import search_listings
    monkeypatch.setattr(masks, "TERM_BYTES", 0)  # room for the minimum only
    kept = masks.terms_kept(10 ** 6)
    assert kept == 16
    words = ["chaise", "velo", "salle", "sono", "jardin", "tables", "reunion", "benevole", "cafe", "four"]
    first = {w: search_listings({"q": w}).total for w in words}
    for i in range(40):  # many distinct words searched on one searcher
        search_listings({"q": f"mot{i}"})
    assert {w: search_listings({"q": w}).total for w in words} == first
    assert sum(first.values()) > 0
    from market.search.index import get_index
    searcher_masks = get_index().caches["masks"][1]
    assert 0 < len(searcher_masks._terms) <= kept
    assert all(0 < len(segment.terms) <= kept for segment, _offset, _reader in searcher_masks.segments)
