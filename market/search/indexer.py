"""Writes to the index: pending changes drained under the write lock, and full rebuilds.

A change is a dict of id lists: {"listings": [...], "orgs": [...], "authors": [...]}. It names
what changed, not how: the writer reads the committed rows and writes what is public now,
so applying a change twice, late or out of order always ends in the database's state.
"""
import logging
import time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from market.extensions import db
from market.listings.models import Listing
from market.search import bulk
from market.search.schema import SOURCE_COLUMNS, document

log = logging.getLogger(__name__)
KEYS = ("listings", "orgs", "authors")
BULK_LISTINGS = 1000  # a change naming this many listings (an import) is written like a rebuild
CHANGE_SEGMENT_DOCS = 20_000  # documents per segment then: ~26 MB of postings in memory at most
IDS_PER_QUERY = 1000
RUN_FROM = 50  # consecutive ids read as one range (`BETWEEN`) rather than listed


class IndexBusy(RuntimeError):
    """Another writer (or a rebuild) held the lock for longer than we may wait."""


def merge(changes) -> dict:
    merged = {key: set() for key in KEYS}
    for change in changes:
        for key in KEYS:
            merged[key].update(int(i) for i in change.get(key, ()) if i is not None)
    return merged


def _conditions(merged):
    """SQL conditions naming what `merged` names: runs of consecutive listing ids (an import's) as
    ranges, other ids a thousand at most each (SQLite's parameters)."""
    for key, column in (("orgs", Listing.organization_id), ("authors", Listing.author_id), ("listings", Listing.id)):
        ids = sorted(merged[key])
        if key == "listings":
            runs, ids = _runs(ids)
            for first, last in runs:
                yield column.between(first, last)
        for start in range(0, len(ids), IDS_PER_QUERY):
            yield column.in_(ids[start:start + IDS_PER_QUERY])


def _runs(ids: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Sorted ids -> ([(first, last) of each run of RUN_FROM consecutive ids or more], the other ids)."""
    runs, alone, start = [], [], 0
    for end in range(1, len(ids) + 1):
        if end == len(ids) or ids[end] != ids[end - 1] + 1:
            if end - start >= RUN_FROM:
                runs.append((ids[start], ids[end - 1]))
            else:
                alone.extend(ids[start:end])
            start = end
    return runs, alone


def changed_documents(session, merged):
    """The document of every public listing named by `merged` (committed state), each once, streamed."""
    seen = set()
    for condition in _conditions(merged):
        for row in public_rows(session, where=condition):
            if row.id not in seen:
                seen.add(row.id)
                yield document(row)


def _delete(writer, merged) -> None:
    for key, field in (("orgs", "org_id"), ("authors", "author_id"), ("listings", "id")):
        for ident in sorted(merged[key]):
            writer.delete_by_term(field, str(ident))


def write_changes(index, merged, session=None) -> int:
    """Write the committed state of everything named in `merged`; returns the documents written.

    A change naming BULK_LISTINGS listings or more (an import) is written like a rebuild
    (bulk.py): documents streamed from SQL into segments of CHANGE_SEGMENT_DOCS, memory bounded.
    """
    own = session is None
    session = session or Session(db.engine)
    try:
        if len(merged["listings"]) >= BULK_LISTINGS:
            writer = bulk.bulk_writer(index, timeout=5.0, delay=0.02)
            try:
                _delete(writer, merged)
            except BaseException:
                writer.cancel()
                raise
            return bulk.add_all(index, changed_documents(session, merged), CHANGE_SEGMENT_DOCS, writer=writer,
                                timeout=5.0, delay=0.02)
        docs = list(changed_documents(session, merged))  # read before taking the index's lock
    finally:
        if own:
            session.close()
    writer = index.writer(timeout=5.0, delay=0.02)
    try:
        _delete(writer, merged)
        for doc in docs:  # deletions first: whoosh must not see an add before a delete
            writer.add_document(**doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    return len(docs)


def drain(store, timeout: float) -> bool:
    """Write every pending change if the lock comes within `timeout` s; False if it did not."""
    with store.lock(timeout) as acquired:
        if not acquired:
            return False
        _drain_locked(store)
        return True


def _drain_locked(store) -> None:
    items = store.read_pending()
    if not items:
        return
    index = store.open_current()
    write_changes(index, merge(ops for _key, ops in items))
    store.drop_pending([key for key, _ops in items])


def public_rows(session, batch=2000, where=None):
    """Every public listing's source values (SOURCE_COLUMNS, org_name, org_slug) in id order
    (those matching `where` if given): one query, streamed, no ORM objects."""
    from market.accounts.models import Organization
    from market.listings.queries import public_condition
    columns = [getattr(Listing, name) for name in SOURCE_COLUMNS]
    stmt = (sa.select(*columns, Organization.name.label("org_name"), Organization.slug.label("org_slug"))
            .outerjoin(Organization, Organization.id == Listing.organization_id)
            .where(public_condition()).order_by(Listing.id)
            .execution_options(yield_per=batch))
    if where is not None:
        stmt = stmt.where(where)
    yield from session.execute(stmt)


def iter_public_documents(session, batch=2000):
    """Every public listing's document, streamed from the database in id order."""
    for row in public_rows(session, batch):
        yield document(row)


def rebuild(store, lock_timeout=30.0, unless=None) -> dict:
    """Build a new generation from the database, then swap it in; the old one serves meanwhile.

    One process (bulk.py): at 100,000 listings it beat whoosh's two-process writer on this
    2-core machine, which other work shares.

    `unless`: checked once the lock is held; when it returns True (another process has just
    rebuilt), nothing is done.
    """
    started = time.monotonic()
    with store.lock(lock_timeout) as acquired:
        if not acquired:
            raise IndexBusy("the search index is being written by another process")
        if unless is not None and unless():
            return {"documents": None, "generation": store.current_name(), "seconds": 0.0}
        covered = [key for key, _ops in store.read_pending()]  # the rows read below include them
        name, index = store.create_generation()
        try:
            with Session(db.engine) as session:
                count = bulk.add_all(index, iter_public_documents(session))
        except BaseException:
            store.discard(name)
            raise
        store.activate(name)
        store.drop_pending(covered)
        try:
            _drain_locked(store)  # changes committed while we were building
        except Exception:  # noqa: BLE001 - they stay pending; the next writer retries
            log.exception("search: could not write the changes made during the rebuild")
    return {"documents": count, "generation": name, "seconds": round(time.monotonic() - started, 2)}
