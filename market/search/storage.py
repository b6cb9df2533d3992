"""Where the index lives: generations of a whoosh index, the write lock and the pending changes.

A file store keeps `<dir>/CURRENT` (the name of the live generation), one folder per
generation, `WRITE.lock` (one writer at a time across processes) and `pending/` (changes
committed in the database but not yet written, one small JSON file each). A RAM store
(tests) keeps the same things in memory.
"""
import contextlib
import fcntl
import json
import os
import shutil
import threading
import time
import uuid

from whoosh.filedb.filestore import FileStorage, RamStorage

from market.search.inplace import read_segments_in_place
from market.search.schema import SCHEMA_VERSION, make_schema

VERSION_FILE = "SCHEMA_VERSION"
read_segments_in_place()  # every searcher of this process reads the mapped segments without copying them


class CorruptIndex(OSError):
    """The current generation cannot be read."""


def _close_leaked_files():
    """whoosh leaves a file open when it fails to read a corrupt index: close it quietly now."""
    import gc
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _generation_name() -> str:
    return time.strftime("gen-%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


class PrivateRamStorage(RamStorage):
    """RAM storage whose writers keep their temporary files in memory too.

    whoosh puts a RAM index's temporary files in a folder of /tmp named after the index
    ("MAIN.tmp"), shared by every process on the machine: one writer finishing deleted another's
    files and left that one stuck on its lock. A folder per writer instead left one empty folder
    in /tmp per segment written (whoosh never removes its per-document writer's folder).
    """

    def temp_storage(self, name=None):
        return RamStorage()


class RamStore:
    """Everything in memory, for tests and single-process use."""

    kind = "ram"

    def __init__(self):
        self._indexes, self._current = {}, None
        self._lock, self._pending = threading.Lock(), []

    def current_name(self):
        return self._current

    def open_current(self):
        if self._current is None:
            raise FileNotFoundError("no search index yet")
        return self._indexes[self._current]

    def create_generation(self):
        name = _generation_name()
        self._indexes[name] = PrivateRamStorage().create_index(make_schema())
        return name, self._indexes[name]

    def activate(self, name):
        old, self._current = self._current, name
        for other in list(self._indexes):
            if other not in (name, old):
                del self._indexes[other]

    def discard(self, name):
        self._indexes.pop(name, None)

    @contextlib.contextmanager
    def lock(self, timeout):
        acquired = self._lock.acquire(timeout=max(timeout, 0) if timeout else -1)
        try:
            yield acquired
        finally:
            if acquired:
                self._lock.release()

    def add_pending(self, ops):
        self._seq = getattr(self, "_seq", 0) + 1
        self._pending.append((self._seq, ops))

    def read_pending(self):
        return list(self._pending)

    def drop_pending(self, keys):
        keys = set(keys)
        self._pending = [item for item in self._pending if item[0] not in keys]

    def pending_count(self):
        return len(self._pending)

    def reset(self):
        self.__init__()


class FileStore:
    """Generations in folders under `root`, swapped by rewriting CURRENT (an atomic rename)."""

    kind = "file"

    def __init__(self, root):
        self.root = root
        self.pending_dir = os.path.join(root, "pending")

    def _ensure(self):
        os.makedirs(self.pending_dir, exist_ok=True)

    def current_name(self):
        try:
            with open(os.path.join(self.root, "CURRENT"), encoding="ascii") as fh:
                return fh.read().strip() or None
        except FileNotFoundError:
            return None

    def current_stamp(self):
        """Changes when another process swaps the generation (cheap: one stat)."""
        try:
            st = os.stat(os.path.join(self.root, "CURRENT"))
            return (st.st_mtime_ns, st.st_ino)
        except FileNotFoundError:
            return None

    def open_current(self):
        name = self.current_name()
        if not name:
            raise FileNotFoundError(f"no search index in {self.root}")
        path = os.path.join(self.root, name)
        try:
            with open(os.path.join(path, VERSION_FILE), encoding="ascii") as fh:
                version = fh.read().strip()
        except OSError:
            version = None
        if version != SCHEMA_VERSION:  # built by an older release: rebuilt like a corrupt one
            raise CorruptIndex(f"search index {name} has schema version {version}, this code needs {SCHEMA_VERSION}")
        try:
            return FileStorage(path).open_index(schema=make_schema())
        except Exception as exc:  # noqa: BLE001
            message = f"{type(exc).__name__}: {exc}"
        _close_leaked_files()  # outside the except block: the traceback no longer holds them
        raise CorruptIndex(f"search index {name} unreadable ({message})")

    def create_generation(self):
        self._ensure()
        name = _generation_name()
        path = os.path.join(self.root, name)
        os.makedirs(path)
        with open(os.path.join(path, VERSION_FILE), "w", encoding="ascii") as fh:
            fh.write(SCHEMA_VERSION + "\n")
        return name, FileStorage(path).create_index(make_schema())

    def activate(self, name):
        """Point CURRENT at `name`; keep the previous generation (open searchers may read it)."""
        previous = self.current_name()
        tmp = os.path.join(self.root, f".CURRENT.{uuid.uuid4().hex}")
        with open(tmp, "w", encoding="ascii") as fh:
            fh.write(name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, os.path.join(self.root, "CURRENT"))
        for entry in os.listdir(self.root):
            if entry.startswith("gen-") and entry not in (name, previous):
                shutil.rmtree(os.path.join(self.root, entry), ignore_errors=True)

    def discard(self, name):
        shutil.rmtree(os.path.join(self.root, name), ignore_errors=True)

    @contextlib.contextmanager
    def lock(self, timeout):
        """Hold WRITE.lock (every process's writes go through it); yields False after `timeout` s."""
        self._ensure()
        fh = open(os.path.join(self.root, "WRITE.lock"), "a+b")
        deadline = time.monotonic() + (timeout or 0)
        acquired = False
        try:
            while True:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    acquired = True
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        break
                    time.sleep(0.01)
            yield acquired
        finally:
            if acquired:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def add_pending(self, ops):
        """Record committed changes durably (write then rename, so a reader never sees half a file)."""
        self._ensure()
        name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        tmp = os.path.join(self.pending_dir, f".{name}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(ops, fh)
            os.replace(tmp, os.path.join(self.pending_dir, f"{name}.json"))
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(tmp)  # half written (disk full): never leave it behind
            raise

    def read_pending(self):
        """[(path, changes)], oldest first (call while holding the lock; drop them once written)."""
        taken = []
        if not os.path.isdir(self.pending_dir):
            return taken
        for entry in sorted(os.listdir(self.pending_dir)):
            if not entry.endswith(".json"):
                continue
            path = os.path.join(self.pending_dir, entry)
            try:
                with open(path, encoding="utf-8") as fh:
                    taken.append((path, json.load(fh)))
            except (OSError, ValueError):
                taken.append((path, {}))  # unreadable: a reindex repairs whatever it described
        return taken

    def drop_pending(self, keys):
        for path in keys:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)

    def pending_count(self):
        if not os.path.isdir(self.pending_dir):
            return 0
        return sum(1 for e in os.listdir(self.pending_dir) if e.endswith(".json"))
