"""Matches, filters and facet counts as bitsets (Python integers, one bit per document number).

Each segment's filter values (from its columns) and the documents of each queried term
(from its postings) are read once and cached by segment id: a new searcher, after a write,
only reads its new small segment. Counting a facet value is then one `&` and one
`bit_count()` over the whole index, whatever the size of the result set.
"""
import bisect
import heapq
from array import array
import re
import threading
from collections import OrderedDict

from market.search.schema import FACETS, STRONG_FIELD, TEXT_FIELD

EAGER_FIELDS = FACETS + ("urgent",)  # few values: merged for every searcher
TERMS_PER_SEGMENT = 2000  # cached term bitsets per segment at most (least recently used dropped)
TERM_BYTES = 32 << 20  # ... and at most this many bytes of them per segment and per searcher
_lock = threading.Lock()
_SEGMENTS: "OrderedDict[str, SegmentMasks]" = OrderedDict()
MAX_SEGMENTS = 64


def from_docnums(docnums, size: int) -> int:
    bits = bytearray((size >> 3) + 1)
    for d in docnums:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


_BITS = [tuple(b for b in range(8) if byte >> b & 1) for byte in range(256)]
_NONZERO = re.compile(rb"[^\x00]")


def to_docnums(mask: int) -> list[int]:
    """The document numbers of a mask, in order (the scans run in C: regex or str.find)."""
    out: list[int] = []
    if mask <= 0:
        return out
    if mask.bit_count() < 1000:  # sparse: visit the non-zero bytes only
        data = mask.to_bytes((mask.bit_length() + 7) >> 3, "little")
        extend = out.extend
        for m in _NONZERO.finditer(data):
            i = m.start()
            base = i << 3
            extend([base + b for b in _BITS[data[i]]])
        return out
    bits = bin(mask)[:1:-1]  # bit d at index d
    find, append = bits.find, out.append
    i = find("1")
    while i >= 0:
        append(i)
        i = find("1", i + 1)
    return out


def terms_kept(size: int) -> int:
    """How many terms' bitsets (two per term, `size` bits each) fit in TERM_BYTES: 2,000 up to
    67,000 documents, 134 at a million (a term's bitset at a million documents: up to 125 KB)."""
    return max(16, min(TERMS_PER_SEGMENT, TERM_BYTES // max(1, size >> 2)))


def _group(column, size) -> dict:
    groups: dict[str, list[int]] = {}
    for docnum, value in enumerate(column):
        groups.setdefault(value, []).append(docnum)
    return {v: from_docnums(ds, size) for v, ds in groups.items()}


class SegmentMasks:
    """One segment's bitsets (deleted documents included: the live mask removes them)."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.values = {field: _group(reader.column_reader(field), self.size) for field in EAGER_FIELDS}
        # per document: arrays of machine integers (8 bytes a document, where a list of Python
        # integers took ~40: 260 MB per worker at a million listings)
        self.published = array("Q", reader.column_reader("published"))
        self.expires_by_doc = array("Q", reader.column_reader("expires"))
        self.terms: OrderedDict[str, tuple] = OrderedDict()
        self.orders: dict[str, array] = {}
        self.ids: array | None = None  # local document number -> listing id (0: not read yet)
        self.lock = threading.Lock()

    def order(self, key: str) -> array:
        """Local document numbers by `key` ("published" newest first, "expires" soonest first)."""
        cached = self.orders.get(key)
        if cached is None:
            if key == "published":
                cached = sorted(range(self.size), key=lambda d: (-self.published[d], -d))
            else:
                cached = sorted(range(self.size), key=lambda d: (self.expires_by_doc[d], d))
            cached = self.orders[key] = array("I", cached)
        return cached

    def listing_id(self, reader, docnum: int) -> int:
        """The listing id of a document, its stored field read once (~20 µs a read: 0.4 ms a page)."""
        if self.ids is None:
            self.ids = array("Q", bytes(8 * self.size))
        found = self.ids[docnum]
        if not found:
            found = self.ids[docnum] = int(reader.stored_fields(docnum)["id"])
        return found

    def field_values(self, reader, field) -> dict:
        if field not in self.values:
            grouped = _group(reader.column_reader(field), self.size)
            with self.lock:
                self.values[field] = grouped
        return self.values[field]

    def term(self, reader, text: str) -> tuple[int, int]:
        """(documents with the term, documents where it weighs STRONG or more: title, tags)."""
        with self.lock:
            mask = self.terms.get(text)
            if mask is not None:
                self.terms.move_to_end(text)
                return mask
        mask = tuple(from_docnums(reader.postings(field, text).all_ids(), self.size)
                     if (field, text) in reader else 0 for field in (TEXT_FIELD, STRONG_FIELD))
        with self.lock:
            self.terms[text] = mask
            if len(self.terms) > terms_kept(self.size):
                self.terms.popitem(last=False)
        return mask


def _segment_masks(reader) -> SegmentMasks:
    key = reader._segment.segment_id()
    with _lock:
        masks = _SEGMENTS.get(key)
        if masks is not None:
            _SEGMENTS.move_to_end(key)
            return masks
    masks = SegmentMasks(reader)
    with _lock:
        _SEGMENTS[key] = masks
        while len(_SEGMENTS) > MAX_SEGMENTS:
            _SEGMENTS.popitem(last=False)
    return masks


def _stream(masks: SegmentMasks, offset: int, key: str):
    """A segment's documents in `key` order, as (sort key, tie-break, global number) for heapq.merge.
    (A function, not a generator expression in the loop: each stream keeps its own segment.)"""
    if key == "published":
        return ((-masks.published[d], -(d + offset), d + offset) for d in masks.order(key))
    return ((masks.expires_by_doc[d], d + offset, d + offset) for d in masks.order(key))


class IndexMasks:
    """The bitsets of one searcher: each segment's, shifted by its offset and ORed together."""

    def __init__(self, searcher):
        self.size = searcher.doc_count_all()
        self.segments = []
        self.live = 0
        for reader, offset in searcher.reader().leaf_readers():
            masks = _segment_masks(reader)
            live = (1 << masks.size) - 1
            if reader._segment.has_deletions():
                live &= ~from_docnums(reader._segment.deleted_docs(), masks.size)
            self.segments.append((masks, offset, reader))
            self.live |= live << offset
        self.published_at, self.expires_at = array("Q"), array("Q")
        for masks, _offset, _reader in self.segments:
            self.published_at += masks.published
            self.expires_at += masks.expires_by_doc
        self._values: dict[str, dict] = {}
        self._terms: OrderedDict[str, tuple] = OrderedDict()  # the searcher lives until the next write

    def values(self, field: str) -> dict[str, int]:
        merged = self._values.get(field)
        if merged is None:
            merged = {}
            for masks, offset, reader in self.segments:
                for value, mask in masks.field_values(reader, field).items():
                    merged[value] = merged.get(value, 0) | (mask << offset)
            self._values[field] = merged
        return merged

    def listing_ids(self, docnums) -> list[int]:
        """The listing ids of documents (global numbers of this searcher)."""
        out = []
        for docnum in docnums:
            for masks, offset, reader in reversed(self.segments):  # segments come by increasing offset
                if docnum >= offset:
                    out.append(masks.listing_id(reader, docnum - offset))
                    break
        return out

    def value(self, field: str, value) -> int:
        return self.values(field).get(value, 0)

    def any_of(self, field: str, values) -> int:
        out = 0
        for value in values:
            out |= self.value(field, value)
        return out

    def term(self, text: str) -> tuple[int, int]:
        with _lock:
            mask = self._terms.get(text)
            if mask is not None:
                self._terms.move_to_end(text)
                return mask
        docs = strong = 0
        for masks, offset, reader in self.segments:
            d, s = masks.term(reader, text)
            docs, strong = docs | (d << offset), strong | (s << offset)
        with _lock:
            self._terms[text] = (docs, strong)
            while len(self._terms) > terms_kept(self.size):
                self._terms.popitem(last=False)
        return docs, strong

    def word(self, group) -> tuple[int, int]:
        """(documents with the word, documents with it in the title or tags); any alternative counts.

        A several-word alternative (a synonym such as 'assemblée générale') needs all its
        words in the listing, not necessarily side by side: close enough for a filter.
        """
        docs = strong = 0
        for alternative in group:
            d, s = self.live, self.live
            for text in alternative:
                td, ts = self.term(text)
                d, s = d & td, s & ts
            docs, strong = docs | d, strong | s
        return docs, strong

    def matching(self, groups, relaxed=False) -> int:
        """Live documents with every word (any word if `relaxed`)."""
        out = None
        for group in groups:
            docs = self.word(group)[0]
            out = docs if out is None else (out | docs if relaxed else out & docs)
        return (out or 0) & self.live

    def ordered(self, mask: int, key: str, need: int, skip: int = 0) -> list[int]:
        """The first `need` documents of `mask` by `key`, after skipping `skip` of them.

        Few documents: list them and pick the first ones. Many: walk the documents in `key`
        order until enough are in the mask (about (skip + need) * size / count steps).
        """
        count = mask.bit_count()
        if count <= skip:
            return []
        want = skip + need
        # a step of the walk costs about a quarter of a listed document's (measured at 100,000 listings);
        # merging several segments' orders costs as much, so the walk starts later there
        if count * count * (4 if len(self.segments) == 1 else 1) <= want * self.size:
            docs = to_docnums(mask)
            if key == "published":  # newest first; equal dates: the last added first
                docs.reverse()
                return heapq.nlargest(want, docs, key=self.published_at.__getitem__)[skip:]
            return heapq.nsmallest(want, docs, key=self.expires_at.__getitem__)[skip:]
        bits = mask.to_bytes((self.size >> 3) + 1, "little")
        if len(self.segments) == 1:
            walk = self.segments[0][0].order(key)
        else:
            streams = [_stream(masks, offset, key) for masks, offset, _reader in self.segments]
            walk = (d for _v, _t, d in heapq.merge(*streams))
        out = []
        for d in walk:
            if bits[d >> 3] >> (d & 7) & 1:
                out.append(d)
                if len(out) == want:
                    break
        return out[skip:]

    def expired(self, now_epoch: int) -> int:
        """Documents whose expiry has passed (the daily job has not closed them yet)."""
        out = 0
        for masks, offset, _reader in self.segments:
            soonest = masks.order("expires")
            stop = bisect.bisect_right(soonest, now_epoch, key=masks.expires_by_doc.__getitem__)
            if stop:
                out |= from_docnums(soonest[:stop], masks.size) << offset
        return out

    def counts(self, field: str, base: int) -> dict[str, int]:
        out = {}
        for value, mask in self.values(field).items():
            n = (base & mask).bit_count()
            if n and value:
                out[value] = n
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def ranked(masks: IndexMasks, candidates: int, features: list[int], need: int, skip: int = 0) -> list[int]:
    """Bounded relevance: documents having more of the `features` first, newest first among equals.

    `features` are bitsets (a word in the title or tags, a word present at all...); counting
    how many each document has takes O(len(features)²) bitset operations, never a loop over
    the documents, and only the page asked for is sorted.
    """
    at_least = [candidates] + [0] * len(features)  # at_least[k]: candidates with >= k features
    for feature in features:
        for k in range(len(features), 0, -1):
            at_least[k] |= at_least[k - 1] & feature
    out = []
    for k in range(len(features), -1, -1):
        tier = at_least[k] & ~(at_least[k + 1] if k + 1 <= len(features) else 0)
        count = tier.bit_count()
        if skip >= count:
            skip -= count
            continue
        out += masks.ordered(tier, "published", need - len(out), skip)
        skip = 0
        if len(out) >= need:
            break
    return out
