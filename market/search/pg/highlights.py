"""Highlights by ts_headline: titles with their matched words marked, one snippet per listing.

User text is escaped after PostgreSQL has marked it: the marks are two private-use characters
(removed from the text first, so a listing cannot forge them), turned into <mark> at the end.
"<" and "&" are stood in for by two more while PostgreSQL reads the text, or its parser would
take "<b>" or "&amp;" for markup and leave them out of the snippet: the text is shown as typed.
"""
from functools import lru_cache

import sqlalchemy as sa
from markupsafe import Markup, escape
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import joinedload

from market.extensions import db
from market.listings.models import Listing
from market.search.pg.schema import CONFIG
from market.search.pg.sql import LISTING_VECTOR

START, STOP = "\ue000", "\ue001"
STAND_INS = {"<": "\ue002", "&": "\ue003"}
PRIVATE = (START, STOP, *STAND_INS.values())
TITLE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
SNIPPET = f"MaxFragments=1, MaxWords=24, MinWords=10, StartSel={START}, StopSel={STOP}"
# whoosh's order, with the weight each text has in the stored vector: a text is only marked up
# (ts_headline parses it again) when the vector says a word is there
SNIPPET_SOURCES = ((Listing.description, "C"), (Listing.tags, "B"), (Listing.amenities, "C"), (Listing.schedule, "C"))
SNIPPET_CHARS = 800


def _clean(text):
    """The text with "<" and "&" stood in for and our private characters removed (one pass:
    translate() drops the characters of its second argument that the third one lacks)."""
    return sa.func.translate(sa.func.coalesce(text, ""), "".join(STAND_INS) + "".join(PRIVATE),
                             "".join(STAND_INS.values()))


def _headline(text, query, options):
    return sa.func.ts_headline(sa.literal_column(f"'{CONFIG}'::regconfig"), text, query, options)


def markup(text: str) -> Markup:
    """Escaped text, with our marks as <mark> elements."""
    for char, stand_in in STAND_INS.items():
        text = text.replace(stand_in, char)
    return Markup(str(escape(text)).replace(START, "<mark>").replace(STOP, "</mark>"))


def _tsquery(name):
    return sa.cast(sa.bindparam(name, type_=sa.Text), TSQUERY)


def _if_there(weight, headline):
    return sa.case((LISTING_VECTOR.bool_op("@@")(_tsquery(f"words_{weight}")), headline), else_=None)


@lru_cache(maxsize=2)
def _statements():
    """(without words, with words): built once, the words and ids are parameters."""
    query = _tsquery("words")
    marked = [_if_there("A", _headline(_clean(Listing.title), query, TITLE)),
              *(_if_there(weight, _headline(sa.func.left(_clean(column), SNIPPET_CHARS), query, SNIPPET))
                for column, weight in SNIPPET_SOURCES)]
    plain = (sa.select(Listing).where(Listing.id.in_(sa.bindparam("ids", expanding=True)))
             .options(joinedload(Listing.organization), joinedload(Listing.author)))
    return plain, plain.add_columns(*marked)


def load_highlighted(ids: list[int], query_for=None) -> tuple[list, dict, dict]:
    """The public listings of `ids` in that order, with ({id: snippet Markup} for those whose text
    has a word, {id: marked title}) when there are words (`query_for(weights)`: the words as
    tsquery text, restricted to these weights): one statement."""
    if not ids:
        return [], {}, {}
    plain, with_words = _statements()
    params = {"ids": list(ids)}
    if query_for is not None:
        params.update(words=query_for(""), **{f"words_{w}": query_for(w) for w in "ABC"})
    by_id, snippets, titles = {}, {}, {}
    for listing, *marked in db.session.execute(plain if query_for is None else with_words, params).unique():
        by_id[listing.id] = listing
        if marked:
            titles[listing.id] = markup(marked[0] if marked[0] is not None else listing.title)
            found = next((s for s in marked[1:] if s and START in s), None)
            if found is not None:
                snippets[listing.id] = markup(found.strip())
    items = [by_id[i] for i in ids if i in by_id and by_id[i].is_public()]
    return items, snippets, titles
