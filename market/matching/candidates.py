"""Candidates of a match, read cheaply: phase 1 picks ids (index walk), phase 2 the scored columns.

SQLite has no planner statistics here (no ANALYZE), so it prefers ix_listings_public for anything
that mentions the status and then sorts every public listing. Both phases avoid that: phase 1
names its index (`INDEXED BY`, SQLite only; PostgreSQL plans with statistics) and reads only that
index, phase 2 looks rows up by primary key only (its status test is an expression no index serves).
Whether a listing is public is decided by `Listing.is_public()` on the few
listings finally shown (queries.suggestions); the cheap status/hidden/expiry filter here only trims.
"""
import json
import re
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from market import geo
from market.accounts.models import VolunteerProfile
from market.extensions import db
from market.listings.models import Listing
from market.matching import rules, terms as match_terms
from market.matching.models import MatchDismissal
from market.matching.nearby import nearby_codes
from market.matching.text import STOP_WORDS, fold, stem, text_facts, type_words
from market.types import UTCDateTime, utcnow

PREFILTER_WORDS = 8
_ASCII_RUN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+")
_L = {name: sa.column(name, type_) for name, type_ in (
    ("id", sa.Integer()), ("category", sa.String()), ("kind", sa.String()), ("status", sa.String()),
    ("hidden", sa.Boolean()), ("expires_at", UTCDateTime()), ("published_at", UTCDateTime()),
    ("title", sa.String()), ("tags", sa.String()), ("skill_domain", sa.String()), ("commune_code", sa.String()))}
_T, _P = Listing.__table__.c, VolunteerProfile.__table__.c  # table columns: plain rows, no ORM bookkeeping
COLUMNS = (_T.id, _T.kind, _T.category, _T.organization_id, _T.author_id, _T.title, _T.tags, _T.description,
           _T.terms, _T.price_cents, _T.skill_domain, _T.remote, _T.commune_code, _T.available_from,
           _T.available_until, _T.published_at, _T.capacity, _T.match_terms, _P.radius_km, _P.skills)


def _owner(organization_id, author_id) -> str:
    return f"org:{organization_id}" if organization_id else f"user:{author_id}"


@lru_cache(maxsize=20000)
def facts(row: tuple) -> rules.Facts:
    """Facts of a listing row (COLUMNS); cached by the whole row (its text included)."""
    (id_, kind, category, org_id, author_id, title, tags, description, terms, price, domain, remote,
     commune_code, start, end, published_at, capacity, stored, radius, skills) = row
    if org_id is not None:
        radius = skills = None
    text = match_terms.text_facts(title, tags, description, stored)
    if skills:  # a volunteer's skills (profile) count as the key words of their own offers
        text = _with_skills(text, _skill_facts(skills))
    return rules.Facts(id=id_, kind=kind, category=category, owner=_owner(org_id, author_id), **text,
                       terms=terms, price_cents=price, skill_domain=domain, remote=remote,
                       commune=geo.get(commune_code), commune_code=commune_code, radius_km=radius,
                       available_from=start, available_until=end, published_at=published_at,
                       capacity=capacity)


@lru_cache(maxsize=2000)
def _skill_facts(skills: str) -> dict:
    return text_facts("", skills, "")


def _with_skills(text: dict, skills: dict) -> dict:
    """The text facts of a listing and its author's skills, as if the skills were more tags."""
    spelt = dict(text["spelt"])
    return {"words": text["words"] | skills["keys"], "keys": text["keys"] | skills["keys"],
            "spelt": text["spelt"] + tuple(p for p in skills["spelt"] if p[0] not in spelt),
            "types": tuple(dict.fromkeys(text["types"] + skills["types"]))}


def source_row(listing: Listing) -> tuple:
    """Everything the score reads of `listing` (COLUMNS), its owner's volunteer profile included
    (its words analysed again: reading the stored ones would cost a query of their own)."""
    profile = listing.author.volunteer_profile if listing.organization_id is None else None
    return (tuple(getattr(listing, c.key) for c in COLUMNS[:-3]) + (None,)
            + ((profile.radius_km, profile.skills) if profile else (None, None)))


def facts_of(listing: Listing) -> rules.Facts:
    return facts(source_row(listing))


def dismissed_ids(listing_id: int) -> frozenset[int]:
    """Listings its owners dismissed for this one (read by the unique pair index)."""
    return frozenset(db.session.scalars(sa.select(MatchDismissal.other_id)
                                        .where(MatchDismissal.listing_id == listing_id)))


def candidate_ids(source: rules.Facts, listing: Listing, limit: int, now=None, window: int | None = None) -> list[int]:
    """Phase 1: newest listings of the same category and opposite kind, within reach, sharing a key word.

    `window` bounds the scan to that many newest listings (when the search index already brings
    the textually close ones from any date): without it, a rare word scans the whole category.
    """
    dialect = db.session.get_bind().dialect.name
    table = "listings INDEXED BY ix_listings_match_candidates" if dialect == "sqlite" else "listings"
    opposite = "offer" if source.kind == "need" else "need"
    # On PostgreSQL the time is written into the query: a text seen only once is never prepared, so each
    # walk gets a plan for its own category and communes (psycopg prepares a text run 5 times, and the
    # generic plan PostgreSQL then chose for this query was 5 to 10 times slower: bench/matching.py).
    now = sa.bindparam("now", now or utcnow(), type_=UTCDateTime(), literal_execute=dialect == "postgresql")
    stmt = (sa.select(_L["id"]).select_from(sa.text(table))
            .where(_L["category"] == source.category, _L["kind"] == opposite, _L["status"] == "published",
                   _L["hidden"].is_(False), _L["expires_at"] > now, _L["id"] != source.id)
            .order_by(_L["published_at"].desc()))
    if source.category != "skill":  # skills may cross the radius when done at a distance
        radius = source.radius_km or rules.DEFAULT_RADIUS_KM.get(source.category, 30)
        codes = nearby_codes(source.commune_code, radius)
        if codes is not None:
            stmt = stmt.where(one_of(_L["commune_code"], codes, dialect))
    if source.category == "volunteering":  # people are generic: no word needs to be shared
        return list(db.session.scalars(stmt.limit(limit)))
    keys = _key_text(_L, dialect)
    if window is None:
        prefilter = _relevance_prefilter(source, listing, keys, _L["skill_domain"], dialect)
        return list(db.session.scalars(stmt.where(prefilter).limit(limit)))
    recent = stmt.add_columns(_L["skill_domain"], keys.label("keys")).limit(window).subquery()
    return list(db.session.scalars(sa.select(recent.c.id).where(
        _relevance_prefilter(source, listing, recent.c["keys"], recent.c.skill_domain, dialect)).limit(limit)))


def one_of(column, values, dialect: str):
    """`column IN (values)` as one parameter: hundreds of communes or ids as as many parameters cost
    more to compile and send than the query costs to run (a JSON list on SQLite, an array on PostgreSQL)."""
    values = list(values)
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam(None, values, type_=postgresql.ARRAY(column.type)))
    if dialect == "sqlite":
        each = sa.func.json_each(sa.bindparam(None, json.dumps(values), type_=sa.String)).table_valued("value")
        return column.in_(sa.select(each.c.value))
    return column.in_(values)


def _key_text(columns, dialect: str):
    """A listing's title and tags as one text, lower case on PostgreSQL: each key word is one LIKE on it.
    (SQLite's LIKE already ignores the case of ASCII letters, and the key words are ASCII.)"""
    text = sa.func.coalesce(columns["title"], "") + " " + sa.func.coalesce(columns["tags"], "")
    return sa.func.lower(text) if dialect == "postgresql" else text


def candidate_rows(source: rules.Facts, ids, now=None, dismissed=None) -> list[tuple]:
    """Phase 2: the scored columns of these listings (by primary key), minus dismissed and closed ones."""
    if not ids:
        return []
    now = now or utcnow()
    dismissed = dismissed_ids(source.id) if dismissed is None else dismissed
    stmt = (sa.select(*COLUMNS).select_from(Listing.__table__.outerjoin(VolunteerProfile.__table__,
                                                                         _P.user_id == _T.author_id))
            .where(one_of(_T.id, sorted(ids), db.session.get_bind().dialect.name),
                   _T.status.concat("") == "published",  # (an expression: SQLite then keeps to the primary key)
                   _T.hidden.is_(False), _T.expires_at > now))
    return [tuple(row) for row in db.session.execute(stmt) if row.id not in dismissed]


def prefilter_words(title: str, tags: str) -> list[str]:
    """Key words for a cheap SQL LIKE, accent-proof: the longest unaccented run of each word
    ("répétitions" -> "tition", "réemploi" -> "emploi") matches it spelt with or without accents."""
    found = set()
    for word in _WORD.findall(f"{title} {tags}".lower()):
        if fold(word) in STOP_WORDS:
            continue
        core = max(_ASCII_RUN.findall(stem(word)), key=len, default="")
        if len(core) >= 4:
            found.add(core)
    return sorted(found, key=lambda w: (-len(w), w))[:PREFILTER_WORDS]  # ties: alphabetical, not hash order


def _relevance_prefilter(source: rules.Facts, listing: Listing, keys, skill_domain, dialect: str):
    """Candidates share a key word (title, tags) or the skill domain: a cheap OR, no index needed."""
    words = prefilter_words(listing.title, listing.tags or "")
    words += [w for w in prefilter_words(" ".join(w for t in source.types for w in type_words(t)), "")
              if w not in words][:PREFILTER_WORDS]  # the other names of its type ("tonnelle" -> "barnum")
    patterns = [f"%{w}%" for w in words]  # [a-z0-9] only: nothing to escape
    conditions = []
    if patterns and dialect == "postgresql":  # the lower case text once per row, then each pattern
        conditions.append(keys.like(sa.any_(postgresql.array(patterns))))
    elif patterns:
        conditions.append(sa.or_(*(keys.like(p) for p in patterns)))
    domain = rules.domain_of(source)
    if domain:
        conditions.append(skill_domain == domain)
    return sa.or_(*conditions) if conditions else sa.true()
