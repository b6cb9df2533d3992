"""Imported listings written a thousand at a time (market/bulk_rows.py: COPY on PostgreSQL, one INSERT …
RETURNING elsewhere), announced in bulk (`listings_published`), and named to the search index, which reads
and writes them after the commit."""
from types import SimpleNamespace

from flask import current_app

from market.bulk_rows import insert_rows
from market.extensions import db
from market.listings import rules
from market.listings.models import Listing
from market.listings.permissions import publisher_trusted
from market.matching import terms
from market.search.hooks import note_changes
from market.signals import listings_published
from market.types import utcnow

BATCH = 1000  # rows per INSERT or COPY: large enough to amortise a statement, small enough for SQLite's parameters


class Publisher:
    """Collects the values of valid rows and writes them by batches; `close()` writes the rest."""

    def __init__(self, author):
        self.author, self.rows, self._status = author, [], {}
        self.days = current_app.config["LISTING_DEFAULT_DAYS"]

    def status_for(self, owner) -> str:
        """The status a listing of this organisation gets when the author submits it (published for a coordinator)."""
        if owner.id not in self._status:
            trusted = publisher_trusted(self.author, SimpleNamespace(organization=owner))
            self._status[owner.id] = rules.next_status("draft", rules.submit_action(trusted))
        return self._status[owner.id]

    def add(self, values: dict) -> None:
        row = dict(values)
        owner = row.pop("organization")
        now = utcnow()
        status = self.status_for(owner)
        row.update(organization_id=owner.id, author_id=self.author.id, status=status, created_at=now,
                   updated_at=now, expires_at=rules.expiry_for(now, None, self.days),
                   published_at=now if status == "published" else None,
                   match_terms=terms.pack(row["title"], row.get("tags"), row["description"]))
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.write()

    def write(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        ids = insert_rows(Listing.__table__, rows, with_ids=True)  # Core (COPY on PostgreSQL), not the ORM
        published = [i for i, row in zip(ids, rows) if row["status"] == "published"]
        if published:
            listings_published.send(current_app._get_current_object(), ids=published)
        note_changes(db.session, listings=ids)

    def close(self) -> None:
        self.write()
