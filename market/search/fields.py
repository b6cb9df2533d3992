"""Analysis once per distinct word (memoised), not once per token: index fields and highlighting; ids
indexed without a tokenizer.

Every filter of the French and spelling analyzers works on one token at a time, so the
term of a word never depends on its neighbours: `FastText.index` splits a text with the
analyzer's own pattern and looks each word up in a cache that the analyzer fills;
`CachedTokens` does the same for the highlighter. Queries and "more like this" still call
the analyzer itself (`field.analyzer`). tests/search/test_analysis.py checks both agree.
"""
import re

from whoosh.analysis import Token
from whoosh.fields import COLUMN, ID, TEXT
from whoosh.system import pack_uint

CACHE_LIMIT = 100_000  # distinct spellings kept per field (a few MB); the cache restarts past this
_PACKED = [pack_uint(i) for i in range(256)]  # the encoded frequencies, shared
_MISSING = object()


class FastText(TEXT):
    """A TEXT field without positions whose `index()` memoises the analyzer per word."""

    def __init__(self, analyzer, pattern: str):
        super().__init__(analyzer=analyzer, phrase=False)
        self.pattern = pattern
        self._setup()

    def _setup(self):
        self._split = re.compile(self.pattern).findall
        self._terms = {}
        # numbers (a reference, a year, 200 W): most are seen once, and the stemmer's cache is slow to
        # evict; when the analyzer keeps a number as it is (and drops one digit alone), so does term()
        analyze = lambda word: [t.text for t in self.analyzer(word, mode="index")]  # noqa: E731
        self._numbers_kept = analyze("12") == ["12"] and analyze("1") == [] and analyze("2026") == ["2026"]

    def __getstate__(self):  # the schema is pickled into the index's table of contents
        state = dict(self.__dict__)
        state.pop("_split", None)
        state.pop("_terms", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._setup()

    def term(self, word: str):
        """The indexed term of one word as written (None for a stop word)."""
        term = self._terms.get(word, _MISSING)
        if term is _MISSING and self._numbers_kept and word.isdigit() and word.isascii():
            return word if len(word) > 1 else None
        if term is _MISSING:
            found = [t.text for t in self.analyzer(word, mode="index")]
            term = found[0] if len(found) == 1 else (tuple(found) or None)
            if len(self._terms) >= CACHE_LIMIT:
                self._terms.clear()
            self._terms[word] = term
        return term

    def frequencies(self, value: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        term_of = self.term
        for word in self._split(value):
            term = term_of(word)
            if term is None:
                continue
            if term.__class__ is tuple:  # never with our analyzers; kept exact all the same
                for t in term:
                    counts[t] = counts.get(t, 0) + 1
            else:
                counts[term] = counts.get(term, 0) + 1
        return counts

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for text, freq in self.frequencies(value).items():
            yield text.encode("utf-8"), freq, freq * boost, _PACKED[freq] if freq < 256 else pack_uint(freq)


class FastId(ID):
    """An ID field (the whole value is the term) whose `index()` yields that term at once, where whoosh's
    goes through a tokenizer and a set for each value: the same postings."""

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        yield value.encode("utf-8"), 1, self.format.field_boost, b""


class TextColumn(COLUMN):
    """A per-document text value (a filter or facet) read from its column, never searched as a term."""

    def to_column_value(self, value):
        return value.encode("utf-8") if isinstance(value, str) else value

    def from_column_value(self, value):
        return value.decode("utf-8") if isinstance(value, bytes) else value


class CachedTokens:
    """An analyzer stand-in for highlighting: the words of a text with their character offsets,
    each word's text and stop flag computed once by the real analyzer (query mode, stop words kept)."""

    def __init__(self, analyzer, pattern: str):
        self.analyzer = analyzer
        self._finditer = re.compile(pattern).finditer
        self._words: dict[str, tuple] = {}

    def word(self, word: str) -> tuple:
        """(text, stopped) of one word as written."""
        found = self._words.get(word)
        if found is None:
            tokens = [(t.text, t.stopped) for t in self.analyzer(word, mode="query", removestops=False)]
            found = tokens[0] if len(tokens) == 1 else (word, True)  # never several with our analyzers
            if len(self._words) >= CACHE_LIMIT:
                self._words.clear()
            self._words[word] = found
        return found

    def __call__(self, value, **_kwargs):
        token = Token(positions=False, chars=True, removestops=False, mode="query")
        word = self.word
        for m in self._finditer(value):
            token.text, token.stopped = word(m.group())
            token.startchar, token.endchar = m.span()
            token.boost = 1.0
            yield token
