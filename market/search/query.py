"""From the words people type to word groups (each word with its synonyms) and a whoosh query.
No query syntax: `AND`, quotes or `*` are plain words."""
from functools import lru_cache

from whoosh import query as Q

from market.search.analysis import load_synonyms, terms, words
from market.search.schema import TEXT_FIELD

MAX_WORDS = 8


def _alternative(stems: tuple):
    if len(stems) == 1:
        return Q.Term(TEXT_FIELD, stems[0])
    return Q.And([Q.Term(TEXT_FIELD, t) for t in stems])  # no positions are stored: all the words


def _clause(alternatives: set) -> Q.Query:
    """One word of the query: any of its alternatives (synonyms)."""
    parts = [_alternative(alt) for alt in sorted(alternatives)]
    return Q.Or(parts) if len(parts) > 1 else parts[0]


def word_groups(text: str) -> list[set[tuple]]:
    """[{alternatives of word 1}, ...]; a group of two or three words may match a synonym as a whole."""
    return [set(group) for group in _word_groups(text)]


@lru_cache(maxsize=4096)
def _word_groups(text: str) -> tuple[frozenset, ...]:
    """word_groups, analysed once per text (a search page asks four times, and the same searches come back)."""
    synonyms = load_synonyms()
    stems = list(dict.fromkeys(tuple(terms(w)) for w in words(text)))[:MAX_WORDS]  # a repeated word counts once
    stems = [s for s in stems if s]
    flat = [t for s in stems for t in s]
    groups, i = [], 0
    while i < len(flat):
        for size in (3, 2, 1):
            key = tuple(flat[i:i + size])
            if len(key) == size and (size == 1 or key in synonyms):
                groups.append(frozenset({key, *synonyms.get(key, ())}))
                i += size
                break
    return tuple(groups)


def text_query(text: str, relaxed=False):
    """All words required (or any of them, `relaxed`); None when nothing searchable was typed."""
    groups = word_groups(text)
    if not groups:
        return None
    clauses = [_clause(g) for g in groups]
    if len(clauses) == 1:
        return clauses[0]
    return Q.Or(clauses) if relaxed else Q.And(clauses)


def highlight_terms(text: str) -> frozenset:
    """Every indexed term the query can match, for the snippets."""
    return frozenset(t for g in word_groups(text) for alt in g for t in alt)
