"""The index schema and the document of a listing (only public listings have one)."""
import hashlib
import json
from functools import lru_cache
from types import SimpleNamespace

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, STORED, Schema

from market.labels import label
from market.search.analysis import SPELL_PATTERN, TOKEN_PATTERN, french_analyzer, spelling_analyzer
from market.search.fields import FastId, FastText, TextColumn

# Every searchable word goes into one field, `text` (one posting list per word); the title
# and tags also go into `strong`, so that a word found there ranks first.
TEXT_FIELD, STRONG_FIELD = "text", "strong"
FACETS = ("kind", "category", "terms", "commune_code")
FILTER_FIELDS = FACETS + ("org_slug", "urgent")


# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = "2"


@lru_cache(maxsize=1)
def make_schema() -> Schema:
    """One schema per process: its text fields keep their word caches from one write to the next.

    Only the words, `id`, `org_id` and `author_id` (for deletions) are terms; filters, facets
    and dates are per-document columns, read into bitsets and arrays by masks.py.
    """
    fields = {name: TextColumn() for name in FILTER_FIELDS}
    return Schema(
        text=FastText(french_analyzer(), TOKEN_PATTERN), strong=FastText(french_analyzer(), TOKEN_PATTERN),
        id=FastId(stored=True, unique=True), org_id=FastId(), author_id=FastId(),
        published=COLUMN(NumericColumn("Q")), expires=COLUMN(NumericColumn("Q")),
        digest=STORED, spell=FastText(spelling_analyzer(), SPELL_PATTERN),
        **fields)


def now_ms() -> int:
    from market.types import utcnow
    return _epoch(utcnow())


def _epoch(value) -> int:
    return int(value.timestamp() * 1000) if value else 0  # milliseconds: a stable "newest first"


@lru_cache(maxsize=1024)
def _label(group: str, code: str) -> str:
    """A label in French: the index never depends on the visitor's language."""
    from flask_babel import force_locale
    with force_locale("fr"):
        return str(label(group, code))


@lru_cache(maxsize=8192)
def _commune_name(code: str) -> str:
    from market import geo
    commune = geo.get(code) if code else None
    return commune.name if commune else code


def extra_text(row) -> str:
    """Category-specific words: amenities, skill domain, category label, schedule, condition."""
    parts = [_label("category", row.category), row.amenities or "", row.schedule or ""]
    if row.skill_domain:
        parts.append(_label("skill_domain", row.skill_domain))
    if row.condition:
        parts.append(_label("condition", row.condition))
    return " ; ".join(p for p in parts if p)


# What a document is made of: these listing columns, and its organisation's name and slug.
SOURCE_COLUMNS = ("id", "organization_id", "author_id", "kind", "category", "title", "description", "tags",
                  "amenities", "schedule", "skill_domain", "condition", "terms", "commune_code", "urgent",
                  "published_at", "created_at", "expires_at")


def source_of(listing) -> SimpleNamespace:
    """The values a document is made of, from a Listing (the rebuild reads the same from SQL rows)."""
    org = listing.organization
    return SimpleNamespace(**{name: getattr(listing, name) for name in SOURCE_COLUMNS},
                           org_name=org.name if org else None, org_slug=org.slug if org else None)


def document(row) -> dict:
    """The fields of a public listing's document, with a digest to detect stale copies.

    `row`: a Listing, or anything with the SOURCE_COLUMNS and `org_name`, `org_slug` (a SQL row).
    """
    if not hasattr(row, "org_slug"):
        row = source_of(row)
    parts = {"title": row.title or "", "tags": (row.tags or "").replace(";", " ; "),
             "extra": extra_text(row), "org": row.org_name or "", "commune": _commune_name(row.commune_code),
             "description": row.description or ""}
    doc = {
        "id": str(row.id), "org_id": str(row.organization_id or ""), "author_id": str(row.author_id),
        "text": " . ".join(part for part in parts.values() if part),
        "strong": f"{parts['title']} . {parts['tags']}",
        "kind": row.kind, "category": row.category, "terms": row.terms or "",
        "commune_code": row.commune_code, "org_slug": row.org_slug or "",
        "urgent": "1" if row.urgent else "0",
        "published": _epoch(row.published_at or row.created_at), "expires": _epoch(row.expires_at),
    }
    doc["digest"] = hashlib.sha1(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:16]
    doc["spell"] = " ".join((parts["title"], parts["tags"], parts["extra"], parts["org"], parts["commune"]))
    return doc
