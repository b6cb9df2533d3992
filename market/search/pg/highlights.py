"""Highlights by ts_headline: titles with their matched words marked, one snippet per listing.

User text is escaped after PostgreSQL has marked it: the marks are two private-use characters
(removed from the text first, so a listing cannot forge them), turned into <mark> at the end.
"<" and "&" are stood in for by two more while PostgreSQL reads the text, or its parser would
take "<b>" or "&amp;" for markup and leave them out of the snippet: the text is shown as typed.
"""
import sqlalchemy as sa
from markupsafe import Markup, escape

from market.extensions import db
from market.listings.models import Listing
from market.search.pg.schema import CONFIG
from market.search.pg.sql import tsquery

START, STOP = "\ue000", "\ue001"
STAND_INS = {"<": "\ue002", "&": "\ue003"}
PRIVATE = (START, STOP, *STAND_INS.values())
TITLE = f"HighlightAll=true, StartSel={START}, StopSel={STOP}"
SNIPPET = f"MaxFragments=1, MaxWords=24, MinWords=10, StartSel={START}, StopSel={STOP}"
SNIPPET_SOURCES = (Listing.description, Listing.tags, Listing.amenities, Listing.schedule)  # whoosh's order
SNIPPET_CHARS = 800


def _clean(text):
    text = sa.func.coalesce(text, "")
    for char in PRIVATE:
        text = sa.func.replace(text, char, "")
    return sa.func.translate(text, "".join(STAND_INS), "".join(STAND_INS.values()))


def _headline(text, query, options):
    return sa.func.ts_headline(sa.literal_column(f"'{CONFIG}'::regconfig"), text, query, options)


def markup(text: str) -> Markup:
    """Escaped text, with our marks as <mark> elements."""
    for char, stand_in in STAND_INS.items():
        text = text.replace(stand_in, char)
    return Markup(str(escape(text)).replace(START, "<mark>").replace(STOP, "</mark>"))


def highlight(listings, query_text: str) -> tuple[dict, dict]:
    """({listing id: snippet Markup} for those whose text has a word, {listing id: marked title})."""
    if not listings or not query_text:
        return {}, {}
    query = tsquery(query_text)
    stmt = sa.select(Listing.id, _headline(_clean(Listing.title), query, TITLE),
                     *(_headline(sa.func.left(_clean(column), SNIPPET_CHARS), query, SNIPPET)
                       for column in SNIPPET_SOURCES)).where(Listing.id.in_([l.id for l in listings]))
    snippets, titles = {}, {}
    for ident, title, *sources in db.session.execute(stmt):
        titles[ident] = markup(title)
        found = next((s for s in sources if s and START in s), None)
        if found is not None:
            snippets[ident] = markup(found.strip())
    return snippets, titles
