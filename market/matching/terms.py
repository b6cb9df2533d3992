"""The analysed words of a listing, worked out when it is saved (`listings.match_terms`), so that a
ranking reads them instead of analysing again the title, tags and description of each candidate.

Stored as JSON with a fingerprint of the text and of the analysis (text.py, this file, the search
engine's French analysis, the types and synonyms lists). Stored words are used only while the
fingerprint still holds: a listing written behind the ORM (a bulk UPDATE, an import by plain SQL),
an edited types vocabulary or synonyms list, or a new version of the analysis make them stale, and
stale words are analysed again on the fly (the same result, slower) until `flask market
match-terms` writes them again.
"""
import hashlib
import json
from functools import lru_cache

import sqlalchemy as sa

from market.matching import text
from market.search import analysis

_CODE = (text.__file__, __file__, analysis.__file__)


@lru_cache(maxsize=1)
def analysis_version() -> bytes:
    """A digest of everything the analysis depends on (worked out once per process): the code of the
    analysis, and the types and synonyms as read (their comments do not count)."""
    digest = hashlib.blake2b(digest_size=8)
    for path in _CODE:
        with open(path, "rb") as fh:
            digest.update(fh.read())
    phrases, names, _longest = text.vocabulary()
    read = (sorted(phrases.items()), sorted(names.items()), sorted(analysis.load_synonyms().items()))
    digest.update(repr(read).encode())  # sorted: the lists are read into sets, in no stable order
    return digest.digest()


def fingerprint(title: str | None, tags: str | None, description: str | None) -> str:
    digest = hashlib.blake2b(analysis_version(), digest_size=8)
    digest.update(f"{title or ''}\x1f{tags or ''}\x1f{description or ''}".encode())
    return digest.hexdigest()


def pack(title: str | None, tags: str | None, description: str | None) -> str:
    """What is stored: the fingerprint, then the text facts (text.text_facts) in plain lists."""
    found = text.text_facts(title or "", tags or "", description or "")
    keys = sorted(found["keys"])
    return json.dumps([fingerprint(title, tags, description), keys, sorted(found["words"] - found["keys"]),
                       [list(pair) for pair in found["spelt"]], list(found["types"])],
                      ensure_ascii=False, separators=(",", ":"))


def unpack(stored: str | None, title: str | None, tags: str | None, description: str | None) -> dict | None:
    """The text facts kept in `stored`, or None when they are missing or stale."""
    if not stored or not stored.startswith(f'["{fingerprint(title, tags, description)}"'):
        return None
    _, keys, words, spelt, types = json.loads(stored)
    keys = frozenset(keys)
    return {"words": keys.union(words), "keys": keys, "spelt": tuple(map(tuple, spelt)), "types": tuple(types)}


def text_facts(title: str | None, tags: str | None, description: str | None, stored: str | None = None) -> dict:
    """The text facts of a listing: from the stored words when they hold, analysed again otherwise."""
    found = unpack(stored, title, tags, description)
    return found if found is not None else text.text_facts(title or "", tags or "", description or "")


def _fill(_mapper, _connection, listing) -> None:
    """Before a listing is inserted or updated: its words, when its text changed (or was never analysed)."""
    state = sa.inspect(listing)
    if state.persistent and not any(state.attrs[name].history.has_changes()
                                    for name in ("title", "tags", "description")):
        return
    listing.match_terms = pack(listing.title, listing.tags, listing.description)


def watch_saves() -> None:
    """Keep `match_terms` on every save of a listing through the ORM (once per process)."""
    from market.listings.models import Listing
    for event in ("before_insert", "before_update"):
        if not sa.event.contains(Listing, event, _fill):
            sa.event.listen(Listing, event, _fill)


def _write_statement():
    from market.listings.models import Listing
    table = Listing.__table__
    return (sa.update(table).where(table.c.id == sa.bindparam("row_id"))  # updated_at stays as it was
            .values(match_terms=sa.bindparam("analysed"), updated_at=table.c.updated_at))


def refresh(batch: int = 500) -> int:
    """Write the words of every listing whose stored words are missing or stale; commits per batch.
    Returns how many were written (`flask market match-terms`)."""
    from market.extensions import db
    from market.listings.models import Listing
    columns = (Listing.id, Listing.title, Listing.tags, Listing.description, Listing.match_terms)
    written, last = 0, 0
    while True:
        rows = db.session.execute(sa.select(*columns).where(Listing.id > last).order_by(Listing.id).limit(batch)).all()
        if not rows:
            return written
        stale = [{"row_id": r.id, "analysed": pack(r.title, r.tags, r.description)} for r in rows
                 if unpack(r.match_terms, r.title, r.tags, r.description) is None]
        if stale:
            db.session.execute(_write_statement(), stale)
            db.session.commit()
        written, last = written + len(stale), rows[-1].id
