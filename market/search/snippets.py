"""Short snippets with the matched words in <mark>: every piece of user text is escaped first.

Both are pure functions of (text, terms), kept for the texts shown again and again (a search's
first pages): a third of a search's time otherwise, at 100,000 listings.
"""
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from market.search.analysis import TOKEN_PATTERN, french_analyzer
from market.search.fields import CachedTokens

_ANALYZER = CachedTokens(french_analyzer(), TOKEN_PATTERN)  # the French analyzer, memoised per word


class EscapingFormatter(Formatter):
    """Escapes the text around and inside the matches; only our own <mark> tags stay HTML."""

    between = " … "

    def _text(self, text):
        return str(escape(text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(get_text(text, token, replace))}</mark>"

    def format(self, fragments, replace=False):
        return str(escape(self.between)).join(self.format_fragment(f, replace=replace) for f in fragments)


_FRAGMENTER = ContextFragmenter(maxchars=160, surround=60)
_FORMATTER = EscapingFormatter()


@lru_cache(maxsize=8192)
def snippet(text: str, terms: frozenset, top=2) -> Markup | None:
    """The best passages of `text` around the query's terms, or None when no term occurs."""
    if not text or not terms:
        return None
    out = highlight(text, terms, _ANALYZER, _FRAGMENTER, _FORMATTER, top=top)
    return Markup(out) if out else None


@lru_cache(maxsize=8192)
def title(text: str, terms: frozenset) -> Markup:
    """The whole title with its matched words marked (escaped like everything else)."""
    if not terms:
        return Markup(escape(text))
    spans = [(t.startchar, t.endchar)  # whoosh reuses one token object: copy its offsets now
             for t in _ANALYZER(text, chars=True, mode="query", removestops=False) if t.text in terms]
    out, pos = [], 0
    for start, end in spans:
        out.append(str(escape(text[pos:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
