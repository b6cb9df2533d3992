"""Reading whoosh's memory-mapped segments in place, instead of copying each file a searcher opens.

whoosh maps a segment's compound file, then opens every file inside it as a `BufferFile` over a
view of the map; `BufferFile` wraps that view in `io.BytesIO`, which copies it. Each worker thus
held a private copy of every segment it searched (about 640 MB per worker at a million listings),
where the map alone is shared by every process through the page cache. `ViewReader` reads the
view where it lies, with the few file methods whoosh calls on it.
"""
import io

from whoosh.filedb import compound
from whoosh.filedb.structfile import BufferFile


class ViewReader:
    """A read-only, seekable file over a buffer (bytes, memoryview), without copying it."""

    def __init__(self, buf):
        self._view = memoryview(buf).cast("B") if not isinstance(buf, bytes) else buf
        self._pos = 0
        self.closed = False

    def read(self, size=-1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        data = bytes(self._view[self._pos:end])
        self._pos = max(self._pos, end)
        return data

    def readline(self, size=-1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        for start in range(self._pos, end, 256):  # a memoryview has no find(): look in small slices
            found = bytes(self._view[start:min(start + 256, end)]).find(b"\n")
            if found >= 0:
                return self.read(start + found + 1 - self._pos)
        return self.read(end - self._pos)

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[:len(data)] = data
        return len(data)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        if base + offset < 0 and whence == io.SEEK_SET:
            raise ValueError(f"negative seek position {offset}")
        self._pos = max(0, base + offset)  # as io.BytesIO: before the start from the current or end is the start
        return self._pos

    def tell(self) -> int:
        return self._pos

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self):
        self.closed = True
        if isinstance(self._view, memoryview):
            self._view.release()


class InPlaceBufferFile(BufferFile):
    """whoosh's `BufferFile`, reading its buffer through a `ViewReader`."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = ViewReader(buf)


def read_segments_in_place():
    """Make whoosh's compound files open their parts as `InPlaceBufferFile` (idempotent)."""
    compound.BufferFile = InPlaceBufferFile
