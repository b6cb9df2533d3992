"""The index schema and the document of a listing (only public listings have one)."""
import hashlib
import json

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from market.labels import label
from market.search.analysis import french_analyzer, spelling_analyzer

# Every searchable word goes into one field, `text` (one posting list per word); the title
# and tags also go into `strong`, so that a word found there ranks first.
TEXT_FIELD, STRONG_FIELD = "text", "strong"
FACETS = ("kind", "category", "terms", "commune_code")
FILTER_FIELDS = FACETS + ("org_slug", "urgent")


def make_schema() -> Schema:
    fields = {name: ID(sortable=True) for name in FILTER_FIELDS}
    return Schema(
        text=TEXT(analyzer=french_analyzer(), phrase=False), strong=TEXT(analyzer=french_analyzer(), phrase=False),
        id=ID(stored=True, unique=True), org_id=ID, author_id=ID,
        published=NUMERIC(int, bits=64, sortable=True, signed=False),
        expires=NUMERIC(int, bits=64, sortable=True, signed=False),
        digest=STORED, spell=TEXT(analyzer=spelling_analyzer(), phrase=False),
        **fields)


def now_ms() -> int:
    from market.types import utcnow
    return _epoch(utcnow())


def _epoch(value) -> int:
    return int(value.timestamp() * 1000) if value else 0  # milliseconds: a stable "newest first"


def extra_text(listing) -> str:
    """Category-specific words: amenities, skill domain, category label, schedule, condition."""
    parts = [label("category", listing.category), listing.amenities or "", listing.schedule or ""]
    if listing.skill_domain:
        parts.append(label("skill_domain", listing.skill_domain))
    if listing.condition:
        parts.append(label("condition", listing.condition))
    return " ; ".join(p for p in parts if p)


def document(listing) -> dict:
    """The fields of a public listing's document, with a digest to detect stale copies."""
    org = listing.organization
    parts = {"title": listing.title or "", "tags": (listing.tags or "").replace(";", " ; "),
             "extra": extra_text(listing), "org": org.name if org else "", "commune": listing.commune_name,
             "description": listing.description or ""}
    doc = {
        "id": str(listing.id), "org_id": str(listing.organization_id or ""), "author_id": str(listing.author_id),
        "text": " . ".join(part for part in parts.values() if part),
        "strong": f"{parts['title']} . {parts['tags']}",
        "kind": listing.kind, "category": listing.category, "terms": listing.terms or "",
        "commune_code": listing.commune_code, "org_slug": org.slug if org else "",
        "urgent": "1" if listing.urgent else "0",
        "published": _epoch(listing.published_at or listing.created_at), "expires": _epoch(listing.expires_at),
    }
    doc["digest"] = hashlib.sha1(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:16]
    doc["spell"] = " ".join((parts["title"], parts["tags"], parts["extra"], parts["org"], parts["commune"]))
    return doc
