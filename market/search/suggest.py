"""'Did you mean': misspelt words corrected from the index vocabulary, accents restored."""
import re
import time

from whoosh.spelling import ListCorrector

from market.search.analysis import fold, load_synonyms, terms, words
from market.search.schema import TEXT_FIELD

VOCABULARY_TTL = 300  # seconds: the vocabulary changes slowly; new words appear within 5 minutes
CORRECTIONS_KEPT = 10_000


class Vocabulary:
    """Every word of the index, folded -> (the most frequent spelling, its frequency)."""

    def __init__(self, reader):
        best: dict[str, tuple[int, str]] = {}
        for raw, info in reader.iter_field("spell"):
            raw = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            folded, freq = fold(raw), info.doc_frequency()
            if folded not in best or freq > best[folded][0]:
                best[folded] = (freq, raw)
        self.best = best
        self.corrector = ListCorrector(sorted(best))
        self.built = time.monotonic()
        self._closest: dict[str, str | None] = {}  # words already corrected with this vocabulary

    def closest(self, word: str) -> str | None:
        """The spelling of the nearest frequent word, or None."""
        folded = fold(word)
        if folded in self.best:
            return self.best[folded][1]
        if folded not in self._closest:  # ~0.5 ms of edit distances: once per word and vocabulary
            if len(self._closest) >= CORRECTIONS_KEPT:
                self._closest.clear()
            self._closest[folded] = self._correct(folded)
        return self._closest[folded]

    def _correct(self, folded: str) -> str | None:
        found = []
        for maxdist in (1, 2):
            found = self.corrector.suggest(folded, limit=8, maxdist=maxdist, prefix=1)
            if found:
                break
        if not found:
            return None
        return self.best[max(found, key=lambda w: self.best[w][0])][1]


def vocabulary(index, searcher) -> Vocabulary:
    """The vocabulary, read again at most every VOCABULARY_TTL seconds and only after the index changed."""
    cached = index.caches.get("vocabulary")
    if cached is None or (cached.searcher is not searcher and time.monotonic() - cached.built > VOCABULARY_TTL):
        cached = index.caches["vocabulary"] = Vocabulary(searcher.reader())
        cached.searcher = searcher
    return cached


def _known(reader, word: str) -> bool:
    if (fold(word),) in load_synonyms():
        return True
    stems = terms(word)
    return bool(stems) and all(reader.doc_frequency(TEXT_FIELD, s) for s in stems)


def suggest(index, searcher, text: str) -> str | None:
    """The query with misspelt words corrected and missing accents restored; None if nothing changes."""
    reader = searcher.reader()
    replacements = {}
    for word in dict.fromkeys(words(text)):
        if len(word) < 3 or not word.isalpha():
            continue
        known = _known(reader, word)
        if known and fold(word) != word:
            continue  # typed with its accents and found: nothing to say
        best = vocabulary(index, searcher).closest(word)
        if best and best != word and (not known or fold(best) == fold(word)):
            replacements[word] = best
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(m.group(0).lower(), m.group(0)), text)
