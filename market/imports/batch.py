"""Imported listings written a thousand at a time: one INSERT … RETURNING per batch, announced in bulk
(`listings_published`), and named to the search index, which reads and writes them after the commit."""
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from flask import current_app

from market.extensions import db
from market.listings import rules
from market.listings.models import Listing
from market.listings.permissions import publisher_trusted
from market.matching import terms
from market.search.hooks import note_changes
from market.signals import listings_published
from market.types import utcnow

BATCH = 1000  # rows per INSERT: large enough to amortise a statement, small enough for SQLite's parameters


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
        table = Listing.__table__  # Core, not the ORM's bulk insert: half the time, the same rows and defaults
        if db.session.get_bind().dialect.name == "postgresql":
            written = db.session.execute(_from_arrays(table, rows)).all()
        else:
            written = db.session.execute(sa.insert(table).returning(table.c.id, table.c.status), rows).all()
        ids = [row.id for row in written]
        published = [row.id for row in written if row.status == "published"]
        if published:
            listings_published.send(current_app._get_current_object(), ids=published)
        note_changes(db.session, listings=ids)

    def close(self) -> None:
        self.write()


def _from_arrays(table, rows: list[dict]) -> sa.Insert:
    """PostgreSQL: `INSERT … SELECT FROM unnest(one array per column)`: a short statement whatever the
    number of rows. (A multi-row VALUES of 1,000 rows has 22,000 placeholders, which psycopg converted
    again at every batch: 30 % of an import's time.) Columns left out get their Python defaults, as
    SQLAlchemy gives them to a plain INSERT."""
    names = list(rows[0])
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in names and c.default is not None and c.default.is_scalar}
    names += defaults
    arrays = [sa.bindparam(f"a{n}", [row.get(name, defaults.get(name)) for row in rows],
                           type_=ARRAY(table.c[name].type)) for n, name in enumerate(names)]
    source = sa.func.unnest(*arrays).table_valued(*names).render_derived()
    return (sa.insert(table).from_select(names, sa.select(*(source.c[name] for name in names)))
            .returning(table.c.id, table.c.status))
