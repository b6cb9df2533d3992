"""Words that name a place or an organisation: a listing is found by its commune's and its
organisation's names too (as in whoosh's documents), matched on indexed columns.

The commune names come from market.geo (not from the database): their lexemes are asked of
PostgreSQL once per process, for every commune, and inverted (lexeme -> INSEE codes).
Organisation names are the weight-A part of `organizations.search_vector`.
"""
import threading
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.types import NullType

from market.extensions import db
from market.search.pg.schema import CONFIG
from market.search.pg.sql import ORGANIZATION_VECTOR, matches
from market.search.pg.words import tsquery

_communes: dict[str, frozenset[str]] | None = None
_lock = threading.Lock()


def _analysed(communes):
    """(INSEE code, lexemes of its name) of each commune, analysed by PostgreSQL in one statement."""
    return db.session.connection().execute(sa.text(
        f"SELECT c, tsvector_to_array(to_tsvector('{CONFIG}', n)) "
        "FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[])) AS t(c, n)"),
        {"codes": [c.code for c in communes], "names": [c.name for c in communes]})


def commune_lexemes() -> dict[str, frozenset[str]]:
    """{lexeme: INSEE codes of the communes whose name has it}, built at the first use."""
    global _communes
    if _communes is None:
        from market import geo
        inverted: dict[str, set] = {}
        for code, found in _analysed(list(geo.all_communes())):
            for lex in found or ():
                inverted.setdefault(lex, set()).add(code)
        with _lock:
            _communes = {lex: frozenset(codes) for lex, codes in inverted.items()}
    return _communes


def commune_codes(group) -> list[str]:
    """INSEE codes of the communes whose name has every lexeme of some alternative of the group."""
    table = commune_lexemes()
    out: set[str] = set()
    for alt in group:
        codes = None
        for lex in alt:
            found = table.get(lex, frozenset())
            codes = found if codes is None else codes & found
            if not codes:
                break
        out |= codes or set()
    return sorted(out)


def organization_ids(group):
    """`integer[]` of the organisations whose name matches the group, read before the search's
    statements and given to them as one value: PostgreSQL then checks a listing against a hash of
    them (from a subquery it compared every id in turn: 2,884 organisations named "jardin" at a
    million listings made a page's walk 6x slower), and reads them once for all the statements.
    The value travels as the array's text, its type given by the cast alone (a typed text value
    would be cast row by row): thousands of Python integers cost more to send than the search."""
    from market.accounts.models import Organization
    ids = db.session.execute(sa.select(sa.cast(sa.func.array_agg(Organization.id), sa.Text))
                             .where(matches(ORGANIZATION_VECTOR, tsquery(group, "A")))).scalar()
    return sa.cast(sa.bindparam(None, ids or "{}", type_=NullType()), ARRAY(sa.Integer))


@lru_cache(maxsize=4096)
def commune_name_lexemes(code: str | None) -> frozenset[str]:
    """The lexemes of a commune's name, as `commune_lexemes` has them (asked once per commune)."""
    from market import geo
    commune = geo.get(code) if code else None
    if commune is None:
        return frozenset()
    return frozenset(next(iter(_analysed([commune])))[1] or ())
