"""A large change (an import) written by two processes: this one and a forked helper, a segment each.

This process reads the documents from the database and hands them, a few hundred at a time, to
the helper (forked: no database, no lock, no logging, it only writes files) through a pipe while it
keeps up, writing the others itself; the helper writes what it receives into segments of its own,
then sends them back. The two sets of
segments join the index in one table of contents, written by this process under the index's lock
with the deletions: readers see all of the change or none of it. Same documents, same postings as
`bulk.add_all`. It pays when a core is free (the index write in about 0.7 of the time on 2 cores);
on a machine kept busy by other work the helper takes less and this process more. File storage
only (a RAM index lives in one process).
"""
import contextlib
import fcntl
import os
import pickle
import queue
import struct
import threading

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import NO_MERGE, SegmentWriter

from market.search import bulk

CHUNK = 250  # documents sent or kept at a time
AHEAD = 4  # chunks waiting for the helper at most: past that, this process writes the chunk itself
_LENGTH = struct.Struct("!I")


def available(index) -> bool:
    return hasattr(os, "fork") and isinstance(index.storage, FileStorage)


class _Segments:
    """Documents into segments of `segment_docs`, finished but left out of the table of contents."""

    def __init__(self, index, segment_docs):
        self.index, self.segment_docs, self.done, self.writer, self.count = index, segment_docs, [], None, 0

    def add(self, docs):
        for doc in docs:
            if self.writer is None:
                self.writer = bulk.grouped(SegmentWriter(self.index, _lk=False))
            self.writer.add_document(**doc)
            self.count += 1
            if self.count % self.segment_docs == 0:
                self.finish()

    def finish(self):
        if self.writer is not None:
            self.done.append(self.writer._finalize_segment())
            self.writer = None
        return self.done


def _send(fd, data: bytes):
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd) -> bytes | None:
    head = _read_exactly(fd, _LENGTH.size)
    return None if head is None else _read_exactly(fd, _LENGTH.unpack(head)[0])


def _read_exactly(fd, size) -> bytes | None:
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, 1 << 20))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _helper(index, segment_docs, inbox, outbox):
    """In the forked helper: write what comes through `inbox`, answer the segments (or the error)."""
    status = 1
    try:
        segments = _Segments(index, segment_docs)
        while (data := _receive(inbox)) is not None:
            segments.add(pickle.loads(data))
        _send(outbox, pickle.dumps(("ok", segments.finish())))
        status = 0
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it
        try:
            _send(outbox, pickle.dumps(("error", repr(exc))))
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(status)  # never the parent's atexit handlers, nor its database connections' finalizers


def add_all(index, documents, segment_docs, writer) -> int:
    """Write `documents` like bulk.add_all, shared with a forked helper; `writer`: a bulk_writer of
    `index` holding the lock and the deletions, committed here (or cancelled on an error)."""
    helper_in, to_helper = os.pipe()
    from_helper, helper_out = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(to_helper)
        os.close(from_helper)
        _helper(index, segment_docs, helper_in, helper_out)
    os.close(helper_in)
    os.close(helper_out)
    mine, count, sender = _Segments(index, segment_docs), 0, _Sender(to_helper)
    try:
        chunk = []
        for doc in documents:
            chunk.append(doc)
            if len(chunk) == CHUNK:
                count += _hand(chunk, sender, mine)
                chunk = []
        count += _hand(chunk, sender, mine)
        segments = mine.finish()  # while the helper finishes its own
        sender.close()
        answer = _receive(from_helper)
        verdict, theirs = pickle.loads(answer) if answer else ("error", "the helper stopped")
        if verdict != "ok":
            raise RuntimeError(f"search: the index helper failed: {theirs}")
        final = writer._merge_segments(NO_MERGE, False, False) + segments + theirs
        writer._close_segment()
        writer._commit_toc(final)  # the new segments' files are kept, any other left-over one removed
        writer._finish()
    except BaseException:
        sender.close()
        if not writer.is_closed:
            writer.cancel()  # files of unlisted segments go at the next commit
        raise
    finally:
        os.close(from_helper)
        os.waitpid(pid, 0)
    return count


class _Sender:
    """Chunks for the helper, written to its pipe by a thread: this process never waits for the helper
    (at most AHEAD chunks wait in memory, and a pipe's worth)."""

    def __init__(self, fd):
        self.fd, self.queue, self.error = fd, queue.Queue(), None  # AHEAD bounds it
        with contextlib.suppress(AttributeError, OSError):  # a larger pipe: fewer, longer writes
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
        self.thread = threading.Thread(target=self._run, name="search-index-sender", daemon=True)
        self.thread.start()

    def _run(self):
        while (data := self.queue.get()) is not None:
            if self.error is None:
                try:
                    _send(self.fd, data)
                except OSError as exc:  # the helper died: said when its answer is read
                    self.error = exc

    def send(self, data: bytes):
        self.queue.put(data)

    def close(self):
        if self.fd is not None:
            self.queue.put(None)
            self.thread.join()
            os.close(self.fd)
            self.fd = None


def _hand(chunk, sender, mine) -> int:
    """To the helper when it keeps up, else written here: each process takes what it has time for (on a
    busy machine the helper may get little CPU; never slower than one process, but for the copies)."""
    if chunk:
        if sender.queue.qsize() < AHEAD:
            sender.send(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        else:
            mine.add(chunk)
    return len(chunk)
