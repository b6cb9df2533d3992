"""Compare the index with the database: documents missing, extra (not public any more) or stale."""
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from market.extensions import db
from market.search.indexer import iter_public_documents
from market.search.schema import now_ms


@dataclass
class CheckReport:
    indexed: int = 0
    expected: int = 0
    missing: list = field(default_factory=list)  # public in the database, absent from the index
    extra: list = field(default_factory=list)  # in the index, not public any more
    stale: list = field(default_factory=list)  # in both, but the index has old content
    duplicates: list = field(default_factory=list)
    pending: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.duplicates)


def check(index) -> CheckReport:
    """Raises IndexUnavailable when there is no readable index at all."""
    report = CheckReport(pending=index.store.pending_count())
    searcher = index.searcher()
    now = now_ms()
    indexed: dict[int, str] = {}
    for fields in searcher.all_stored_fields():
        ident = int(fields["id"])
        if ident in indexed:
            report.duplicates.append(ident)
        indexed[ident] = fields.get("digest")
    reader = searcher.reader()
    expired_by_time = {int(searcher.stored_fields(d)["id"]) for d, expires in enumerate(reader.column_reader("expires"))
                       if expires <= now and not reader.is_deleted(d)}
    with Session(db.engine) as session:
        expected = {int(doc["id"]): doc["digest"] for doc in iter_public_documents(session)}
    report.indexed, report.expected = len(indexed), len(expected)
    report.missing = sorted(set(expected) - set(indexed))
    # A listing past its date stays in the index until the daily job expires it; searches skip it.
    report.extra = sorted(set(indexed) - set(expected) - expired_by_time)
    report.stale = sorted(i for i in set(expected) & set(indexed) if expected[i] != indexed[i])
    return report
