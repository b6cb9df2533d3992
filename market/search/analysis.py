"""The French analyzer (lower case, accents folded, stop words, Snowball stemming) and the synonym list."""
import os
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

SYNONYMS_FILE = os.path.join(os.path.dirname(__file__), "synonyms.txt")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})
TOKEN_PATTERN = r"\w+"
SPELL_PATTERN = r"[^\W\d_]{3,}"


def fold(text: str) -> str:
    """'Bénévolat Œuvre' -> 'benevolat oeuvre': lower case, no accents, no ligatures."""
    text = text.translate(_LIGATURES).translate(accent_map).lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() if not text.isascii() else text


def _stop_words() -> frozenset:
    words = set(stopwords_for_language("fr"))
    words |= {fold(w) for w in words}
    # a few more function words people type in a search box
    words |= {"a", "au", "aux", "chez", "entre", "les", "cet", "cette", "pour", "sans", "tres"}
    return frozenset(words)


STOP_WORDS = _stop_words()


class FoldFilter(Filter):
    """Folds accents and ligatures of each token (after the stop words, before the stemmer)."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


def _short_synonyms(path=SYNONYMS_FILE) -> frozenset:
    """Short words of the synonym list ('compta', 'asso'): kept unstemmed, so that 'compta'
    does not become 'compt' and drag 'compte' (an account) into the accounting results."""
    out = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for part in line.split("#", 1)[0].split(","):
                    word = fold(part.strip())
                    if word.isalpha() and len(word) <= 6:
                        out.add(word)
    return frozenset(out)


def french_analyzer():
    """Tokens for the text fields: 'Salles de réunion' -> ['sall', 'reunion']."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=2)
            | FoldFilter() | StemFilter(lang="fr", ignore=_short_synonyms(), cachesize=50000))


def spelling_analyzer():
    """Whole words, lower case, accents kept: the vocabulary that 'Did you mean' suggests from."""
    return RegexTokenizer(SPELL_PATTERN) | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=3)


_ANALYZER = french_analyzer()
_WORDS = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=STOP_WORDS, minsize=2)


def terms(text: str) -> list[str]:
    """The indexed terms of a text, in order."""
    return [t.text for t in _ANALYZER(text or "")]


def words(text: str) -> list[str]:
    """The words a person typed, without stop words (kept as typed, lower case)."""
    return [t.text for t in _WORDS(text or "")]


@lru_cache(maxsize=4)
def load_synonyms(path: str = SYNONYMS_FILE) -> dict[tuple, tuple]:
    """{key terms: every alternative (a tuple of terms each)} from the editable synonyms file."""
    table: dict[tuple, set] = {}
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            group = {tuple(terms(part)) for part in line.split(",")} - {()}
            if len(group) < 2:
                continue
            for key in group:
                table.setdefault(key, set()).update(group)
    return {key: tuple(sorted(alts)) for key, alts in table.items()}
